import type { ConversationPriority, ConversationView, Page as ApiPage, QueueView, TeamRoutingView, UpdateTeamRoutingRequest } from '@backtalk/contracts';
import { call, type Session } from './sms-world';

// Teams, people and queues for the routing tests, set up through the real API as an admin would.

export async function userIdOf(admin: Session, email: string): Promise<string> {
  const users = await call<Array<{ id: string; email: string }>>('/api/users', { token: admin.token });
  const user = users.find((u) => u.email === email);
  if (!user) throw new Error(`No user ${email}`);
  return user.id;
}

/** A team with these members, or the one of that name from an earlier run of the test against the same database. */
export async function ensureTeam(admin: Session, name: string, memberIds: string[]): Promise<string> {
  const teams = await call<Array<{ id: string; name: string }>>('/api/teams', { token: admin.token });
  const existing = teams.find((team) => team.name === name);
  if (existing) {
    await call(`/api/teams/${existing.id}`, { method: 'PATCH', token: admin.token, body: { memberIds } });
    return existing.id;
  }
  return (await call<{ id: string }>('/api/teams', { token: admin.token, body: { name, description: 'Returns and exchanges', memberIds } })).id;
}

/** An agent who signs in with the demo agents' password. */
export async function ensureAgent(admin: Session, email: string, name: string, password: string): Promise<string> {
  const users = await call<Array<{ id: string; email: string }>>('/api/users', { token: admin.token });
  const existing = users.find((u) => u.email === email);
  if (existing) return existing.id;
  return (await call<{ id: string }>('/api/users', { token: admin.token, body: { email, name, password, role: 'agent' } })).id;
}

export function updateTeamRouting(session: Session, teamId: string, changes: UpdateTeamRoutingRequest): Promise<TeamRoutingView> {
  return call<TeamRoutingView>(`/api/teams/${teamId}/routing`, { method: 'PATCH', token: session.token, body: changes });
}

export function teamRouting(session: Session, teamId: string): Promise<TeamRoutingView> {
  return call<TeamRoutingView>(`/api/teams/${teamId}/routing`, { token: session.token });
}

export function queueOf(session: Session, teamId: string): Promise<QueueView> {
  return call<QueueView>(`/api/queues/${teamId}`, { token: session.token });
}

/** The open conversation with this customer, as the inbox's search finds it. */
export async function conversationWith(session: Session, phone: string): Promise<ConversationView> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const page = await call<ApiPage<ConversationView>>(`/api/conversations?view=all&q=${encodeURIComponent(phone)}`, { token: session.token });
    const found = page.items.find((conversation) => conversation.contact.phone === phone);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No conversation with ${phone}`);
}

export function setPriority(session: Session, conversationId: string, priority: ConversationPriority): Promise<ConversationView> {
  return call<ConversationView>(`/api/conversations/${conversationId}/priority`, { token: session.token, body: { priority } });
}
