import type { ApiKeyScope, Role } from '@backtalk/contracts';

/** A signed-in person, as every service sees them: who, which role, which teams. */
export interface UserActor {
  kind: 'user';
  userId: string;
  role: Role;
  teamIds: readonly string[];
}

/** An integration calling with an API key. */
export interface ApiKeyActor {
  kind: 'api-key';
  apiKeyId: string;
  scopes: readonly ApiKeyScope[];
}

export type Actor = UserActor | ApiKeyActor;
