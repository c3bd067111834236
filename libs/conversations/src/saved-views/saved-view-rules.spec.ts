import type { UserActor } from '@backtalk/auth';
import { ConversationPriority, Role } from '@backtalk/contracts';
import { canEditView, cleanViewName, isInSidebar, normalizeFilters } from './saved-view-rules';

const agent: UserActor = { kind: 'user', userId: 'agent', role: Role.Agent, teamIds: ['support'] };
const supervisor: UserActor = { kind: 'user', userId: 'supervisor', role: Role.Supervisor, teamIds: ['support'] };
const admin: UserActor = { kind: 'user', userId: 'admin', role: Role.Admin, teamIds: [] };

describe('saved view rules', () => {
  it('stores filters without empty values, with lists deduplicated and in one order', () => {
    expect(normalizeFilters({ q: '  parcel ', labelId: ['b', 'a', 'b'], priority: [], status: undefined, teamId: '' })).toEqual({ q: 'parcel', labelId: ['a', 'b'] });
    expect(normalizeFilters({ priority: [ConversationPriority.Urgent, ConversationPriority.High], unread: false })).toEqual({ priority: ['high', 'urgent'], unread: false });
    expect(normalizeFilters({ q: '   ' })).toEqual({});
  });

  it('names views without surrounding or repeated spaces', () => {
    expect(cleanViewName('  Urgent   refunds ')).toBe('Urgent refunds');
  });

  it('puts a private view in its owner’s sidebar only, and a shared one in its team members’', () => {
    expect(isInSidebar(agent, { ownerId: 'agent', teamId: null })).toBe(true);
    expect(isInSidebar(admin, { ownerId: 'agent', teamId: null })).toBe(false);
    expect(isInSidebar(agent, { ownerId: 'supervisor', teamId: 'support' })).toBe(true);
    expect(isInSidebar(admin, { ownerId: 'supervisor', teamId: 'support' })).toBe(false);
  });

  it('lets the owner change a private view, and the team’s supervisors and admins a shared one', () => {
    expect(canEditView(agent, { ownerId: 'agent', teamId: null })).toBe(true);
    expect(canEditView(agent, { ownerId: 'supervisor', teamId: 'support' })).toBe(false);
    expect(canEditView(supervisor, { ownerId: 'admin', teamId: 'support' })).toBe(true);
    expect(canEditView(supervisor, { ownerId: 'admin', teamId: 'billing' })).toBe(false);
    expect(canEditView(admin, { ownerId: 'supervisor', teamId: 'billing' })).toBe(true);
  });
});
