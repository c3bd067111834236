import { ApiKeyScope } from '@backtalk/contracts';
import { toCreateApiKeyRequest, validateApiKeyForm } from './api-key-form';

describe('validateApiKeyForm', () => {
  it('requires a name and at least one scope', () => {
    expect(Object.keys(validateApiKeyForm({ name: ' ', scopes: [] }))).toEqual(['name', 'scopes']);
  });

  it('accepts a named key with one scope', () => {
    expect(validateApiKeyForm({ name: 'Shop', scopes: [ApiKeyScope.MessagesSend] })).toEqual({});
  });
});

describe('toCreateApiKeyRequest', () => {
  it('trims the name', () => {
    expect(toCreateApiKeyRequest({ name: ' Shop ', scopes: [ApiKeyScope.MessagesRead] })).toEqual({
      name: 'Shop',
      scopes: [ApiKeyScope.MessagesRead],
    });
  });
});
