import { ErrorCode, type ApiKeyScope, type Role } from '@backtalk/contracts';
import { auditOriginOf } from '@backtalk/audit';
import { DomainError, IS_PUBLIC } from '@backtalk/platform';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { API_KEY_MARKER, ApiKeysService } from '../api-keys/api-keys.service';
import { AccessTokenService } from '../sessions/access-token.service';
import { UsersService } from '../users/users.service';
import { API_KEY_SCOPES, type AuthenticatedRequest, REQUIRED_ROLES } from './decorators';

/**
 * The global guard: every route needs a signed-in user unless it is marked @Public() or @ApiKeyAuth().
 * User and API-key routes are kept apart so that a leaked integration key can never act as a person.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenService,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const token = bearerToken(request);
    if (!token) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in, or send an API key, to use this endpoint');

    const requiredScopes = this.reflector.getAllAndOverride<ApiKeyScope[] | undefined>(API_KEY_SCOPES, targets);
    if (requiredScopes) {
      if (!token.startsWith(API_KEY_MARKER)) throw new DomainError(ErrorCode.Unauthenticated, 'This endpoint takes an API key');
      const actor = await this.apiKeys.authenticate(token, auditOriginOf(request));
      if (!actor) throw new DomainError(ErrorCode.Unauthenticated, 'Unknown or revoked API key');
      const missing = requiredScopes.filter((scope) => !actor.scopes.includes(scope));
      if (missing.length > 0) throw DomainError.forbidden(`This API key lacks the scope ${missing.join(', ')}`);
      request.actor = actor;
      return true;
    }

    if (token.startsWith(API_KEY_MARKER)) throw new DomainError(ErrorCode.Unauthenticated, 'API keys cannot be used on this endpoint');
    const claims = await this.accessTokens.verify(token);
    const found = await this.users.actorFor(claims.userId);
    if (!found || claims.issuedAt < Math.floor(found.passwordChangedAt.getTime() / 1000)) {
      throw new DomainError(ErrorCode.Unauthenticated, 'This session is no longer valid; sign in again');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(found.actor.role)) throw DomainError.forbidden();
    request.actor = found.actor;
    return true;
  }
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey ? apiKey : undefined;
}
