import type { ApiKeyScope, Role } from '@backtalk/contracts';
import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, UserActor } from './actor';

export const REQUIRED_ROLES = 'backtalk:roles';
export const API_KEY_SCOPES = 'backtalk:apiKeyScopes';

/** Restricts a user route to these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** Marks a route as callable with an API key holding these scopes (and only with an API key). */
export const ApiKeyAuth = (...scopes: ApiKeyScope[]) => SetMetadata(API_KEY_SCOPES, scopes);

export interface AuthenticatedRequest {
  actor?: Actor;
}

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): UserActor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (actor?.kind !== 'user') throw new Error('CurrentUser used on a route that does not require a signed-in user');
  return actor;
});

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
