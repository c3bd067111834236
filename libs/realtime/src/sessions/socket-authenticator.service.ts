import { type AccessTokenClaims, AccessTokenService, UserEntity, UsersService } from '@backtalk/auth';
import { ErrorCode } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Authentication } from './realtime-session';

/** The access token of a socket, checked like the REST guard checks it, and the person behind it read afresh. */
@Injectable()
export class SocketAuthenticator {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly users: UsersService,
    @InjectRepository(UserEntity) private readonly userRows: Repository<UserEntity>,
  ) {}

  async authenticate(token: unknown): Promise<Authentication> {
    if (typeof token !== 'string' || token === '') return { ok: false, reason: 'unauthenticated' };
    let claims: AccessTokenClaims;
    try {
      claims = await this.accessTokens.verify(token);
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, reason: error.code === ErrorCode.TokenExpired ? 'token_expired' : 'unauthenticated' };
      throw error;
    }
    return this.identify(claims);
  }

  /** Role and teams may have changed since the token was issued, and the user may have been deactivated. */
  async identify(claims: AccessTokenClaims): Promise<Authentication> {
    const user = await this.userRows.findOne({ where: { id: claims.userId }, select: { id: true, name: true, active: true } });
    if (!user) return { ok: false, reason: 'unauthenticated' };
    const found = user.active ? await this.users.actorFor(user.id) : undefined;
    if (!found) return { ok: false, reason: 'deactivated' };
    // As in the REST guard: a password change ends every session started before it.
    if (claims.issuedAt < Math.floor(found.passwordChangedAt.getTime() / 1000)) return { ok: false, reason: 'unauthenticated' };
    return { ok: true, identity: { actor: found.actor, userName: user.name, issuedAt: claims.issuedAt, expiresAtMs: claims.expiresAt * 1000 } };
  }
}
