import { PASSWORD_MIN_LENGTH, Role, type UserView } from '@backtalk/contracts';
import { emptyUserForm, toCreateUserRequest, toUpdateUserRequest, userFormFrom, validateUserForm } from './user-form';

const ada: UserView = {
  id: 'u1',
  email: 'ada@example.com',
  name: 'Ada',
  role: Role.Agent,
  active: true,
  teamIds: ['t1', 't2'],
  createdAt: '2025-01-01T00:00:00Z',
  locale: null,
};

const valid = { ...emptyUserForm(), name: 'Grace', email: 'grace@example.com', password: 'x'.repeat(PASSWORD_MIN_LENGTH) };

describe('validateUserForm', () => {
  it('accepts a complete new user', () => {
    expect(validateUserForm(valid, 'create')).toEqual({});
  });

  it('asks for a name, an email and a long enough password when creating', () => {
    expect(validateUserForm(emptyUserForm(), 'create')).toEqual({
      name: 'Enter a name.',
      email: 'Enter an email address.',
      password: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
    });
  });

  it('rejects an email without a domain', () => {
    expect(validateUserForm({ ...valid, email: 'grace@' }, 'create').email).toMatch(/valid email/);
  });

  it('treats a name of spaces as missing', () => {
    expect(validateUserForm({ ...valid, name: '   ' }, 'create').name).toBe('Enter a name.');
  });

  it('does not ask for a password when editing', () => {
    expect(validateUserForm(userFormFrom(ada), 'edit')).toEqual({});
  });
});

describe('toCreateUserRequest', () => {
  it('trims the name and email but never the password', () => {
    const request = toCreateUserRequest({ ...valid, name: ' Grace ', email: ' grace@example.com ', password: ' secret pass ' });

    expect(request).toEqual({ name: 'Grace', email: 'grace@example.com', password: ' secret pass ', role: Role.Agent, teamIds: [] });
  });
});

describe('toUpdateUserRequest', () => {
  it('sends nothing when nothing changed, team order included', () => {
    expect(toUpdateUserRequest(ada, { ...userFormFrom(ada), teamIds: ['t2', 't1'] })).toEqual({});
  });

  it('sends only the fields that changed', () => {
    const changes = toUpdateUserRequest(ada, { ...userFormFrom(ada), role: Role.Supervisor, teamIds: ['t1'] });

    expect(changes).toEqual({ role: Role.Supervisor, teamIds: ['t1'] });
  });

  it('compares the trimmed name', () => {
    expect(toUpdateUserRequest(ada, { ...userFormFrom(ada), name: ' Ada ' })).toEqual({});
    expect(toUpdateUserRequest(ada, { ...userFormFrom(ada), name: 'Ada L.' })).toEqual({ name: 'Ada L.' });
  });
});
