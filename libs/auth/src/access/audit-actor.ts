import { type AuditActor, Role } from '@backtalk/contracts';
import type { Actor, UserActor } from './actor';

/**
 * Backtalk acting on its own behalf through services that take a person (the demo seed): an admin's reach, no account.
 * The audit trail names it as the system, and its id is one no account can have.
 */
export const SYSTEM_USER_ACTOR: UserActor = Object.freeze({ kind: 'user', userId: '00000000-0000-0000-0000-000000000000', role: Role.Admin, teamIds: [] });

/** The audit trail's name for whoever is acting; no actor means Backtalk itself (the seed, a command-line tool). */
export function auditActorOf(actor: Actor | null | undefined): AuditActor {
  if (!actor || (actor.kind === 'user' && actor.userId === SYSTEM_USER_ACTOR.userId)) return { kind: 'system' };
  return actor.kind === 'user' ? { kind: 'user', userId: actor.userId } : { kind: 'api_key', apiKeyId: actor.apiKeyId };
}
