import type { TeamView } from '@backtalk/contracts';
import { emptyTeamForm, teamFormFrom, toCreateTeamRequest, toUpdateTeamRequest, validateTeamForm } from './team-form';

const support: TeamView = { id: 't1', name: 'Support', description: 'Front line', memberIds: ['u1', 'u2'], createdAt: '' };

describe('validateTeamForm', () => {
  it('requires a name that is not just spaces', () => {
    expect(validateTeamForm({ ...emptyTeamForm(), name: '  ' })).toEqual({ name: 'Enter a team name.' });
  });

  it('accepts a team without description or members', () => {
    expect(validateTeamForm({ ...emptyTeamForm(), name: 'Billing' })).toEqual({});
  });
});

describe('toCreateTeamRequest', () => {
  it('trims the name and description', () => {
    expect(toCreateTeamRequest({ name: ' Billing ', description: ' Invoices ', memberIds: ['u1'] })).toEqual({
      name: 'Billing',
      description: 'Invoices',
      memberIds: ['u1'],
    });
  });
});

describe('toUpdateTeamRequest', () => {
  it('sends nothing when only the member order changed', () => {
    expect(toUpdateTeamRequest(support, { ...teamFormFrom(support), memberIds: ['u2', 'u1'] })).toEqual({});
  });

  it('sends a rename alone when only the name changed', () => {
    expect(toUpdateTeamRequest(support, { ...teamFormFrom(support), name: 'Customer care' })).toEqual({ name: 'Customer care' });
  });

  it('sends the full new member list when members changed', () => {
    expect(toUpdateTeamRequest(support, { ...teamFormFrom(support), memberIds: ['u1', 'u3'] })).toEqual({ memberIds: ['u1', 'u3'] });
  });
});
