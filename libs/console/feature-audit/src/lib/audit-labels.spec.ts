import { setConsoleLanguage } from '@backtalk/console/i18n';
import { actionLabel, actorLabel, changedFieldsOf, fieldLabel, valueText } from './audit-labels';

describe('audit log labels', () => {
  beforeAll(() => setConsoleLanguage('en'));

  it('names known actions in words and shows an unknown one as it was recorded', () => {
    expect(actionLabel('rule.updated')).toEqual({ text: 'Rule changed', isData: false });
    expect(actionLabel('widget.polished')).toEqual({ text: 'widget.polished', isData: true });
  });

  it('names the fields people meet most in words, and any other as recorded', () => {
    expect(fieldLabel('enabled')).toEqual({ text: 'Switched on', isData: false });
    expect(fieldLabel('smartEncoding')).toEqual({ text: 'smartEncoding', isData: true });
  });

  it('names people by name, keys with what they are, and failed sign-ins by the email tried', () => {
    expect(actorLabel({ kind: 'user', userId: 'u1', name: 'Olena' })).toEqual({ name: 'Olena', nameIsData: true, kind: null });
    expect(actorLabel({ kind: 'api_key', apiKeyId: 'k1', name: 'Shop' })).toEqual({ name: 'Shop', nameIsData: true, kind: 'API key' });
    expect(actorLabel({ kind: 'anonymous', attemptedEmail: 'who@example.com', name: 'who@example.com' })).toEqual({ name: 'who@example.com', nameIsData: true, kind: 'Not signed in' });
    expect(actorLabel({ kind: 'system', name: null }).name).toBe('Backtalk');
  });

  it('pairs each changed field’s old and new value, including fields only one side has', () => {
    expect(changedFieldsOf({ before: { name: 'Old', enabled: true }, after: { name: 'New', position: 2 } })).toEqual([
      { field: 'name', before: 'Old', after: 'New', hasBefore: true, hasAfter: true },
      { field: 'enabled', before: true, after: undefined, hasBefore: true, hasAfter: false },
      { field: 'position', before: undefined, after: 2, hasBefore: false, hasAfter: true },
    ]);
  });

  it('writes values the way people read them', () => {
    expect(valueText(true).text).toBe('Yes');
    expect(valueText(null).text).toBe('empty');
    expect(valueText(['a', 'b']).text).toBe('a, b');
    expect(valueText([{ type: 'set_priority', priority: 'urgent' }])).toEqual({ text: '[ { "type": "set_priority", "priority": "urgent" } ]', code: true });
  });
});
