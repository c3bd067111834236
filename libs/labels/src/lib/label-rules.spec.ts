import type { UserActor } from '@backtalk/auth';
import { Role } from '@backtalk/contracts';
import { canManageLabels, canSeeLabel, cleanLabelName, labelChangeProblem, labelMisfit, ruleLabelMisfit } from './label-rules';

const SUPPORT = '11111111-1111-4111-8111-111111111111';
const BILLING = '22222222-2222-4222-8222-222222222222';
const actor = (role: Role, teamIds: string[] = [SUPPORT]): UserActor => ({ kind: 'user', userId: 'u', role, teamIds });

describe('label rules', () => {
  it('stores a name without surrounding or repeated spaces', () => {
    expect(cleanLabelName('  Refund   asked \t')).toBe('Refund asked');
  });

  it('lets only admins manage global labels and supervisors their own teams’ labels', () => {
    expect(canManageLabels(actor(Role.Admin, []), null)).toBe(true);
    expect(canManageLabels(actor(Role.Supervisor), null)).toBe(false);
    expect(canManageLabels(actor(Role.Supervisor), SUPPORT)).toBe(true);
    expect(canManageLabels(actor(Role.Supervisor), BILLING)).toBe(false);
    expect(canManageLabels(actor(Role.Agent), SUPPORT)).toBe(false);
  });

  it('shows an agent the global labels and their teams’ labels only', () => {
    expect(canSeeLabel(actor(Role.Agent), { teamId: null })).toBe(true);
    expect(canSeeLabel(actor(Role.Agent), { teamId: SUPPORT })).toBe(true);
    expect(canSeeLabel(actor(Role.Agent), { teamId: BILLING })).toBe(false);
    expect(canSeeLabel(actor(Role.Admin, []), { teamId: BILLING })).toBe(true);
  });

  it('keeps a team’s label off another team’s conversation and says whose it is', () => {
    expect(labelMisfit({ name: 'VIP', teamId: null }, SUPPORT)).toBeNull();
    expect(labelMisfit({ name: 'VIP', teamId: SUPPORT }, SUPPORT)).toBeNull();
    expect(labelMisfit({ name: 'Refund', teamId: BILLING }, SUPPORT, new Map([[BILLING, 'Billing'], [SUPPORT, 'Support']]))).toBe(
      'The label “Refund” belongs to the team Billing; this conversation is Support’s. Use a global label or one of its team’s.',
    );
  });

  it('lets a rule for every channel add only global labels, and a team’s rule its team’s too', () => {
    expect(ruleLabelMisfit({ name: 'VIP', teamId: null }, null)).toBeNull();
    expect(ruleLabelMisfit({ name: 'Refund', teamId: SUPPORT }, SUPPORT)).toBeNull();
    expect(ruleLabelMisfit({ name: 'Refund', teamId: SUPPORT }, null)).toMatch(/only global labels/);
    expect(ruleLabelMisfit({ name: 'Refund', teamId: BILLING }, SUPPORT)).toMatch(/another team/);
  });

  it('refuses an empty change and a label both added and removed', () => {
    expect(labelChangeProblem([], [])).toBe('Name a label to add or remove.');
    expect(labelChangeProblem(['a'], ['a'])).toBe('A label cannot be added and removed in one change.');
    expect(labelChangeProblem(['a'], ['b'])).toBeNull();
  });
});
