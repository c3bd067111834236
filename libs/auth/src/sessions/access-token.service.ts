import { ErrorCode } from '@backtalk/contracts';
import { AppConfig, DomainError } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'backtalk';
const AUDIENCE = 'backtalk-console';

export interface AccessTokenClaims {
  userId: string;
  /** Issued-at, in seconds. */
  issuedAt: number;
  /** Expiry, in seconds: a long-lived connection (the realtime socket) re-checks the session then. */
  expiresAt: number;
}

/** Short-lived HS256 JWTs. Only the user id travels in them: role and teams are read fresh on every request. */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;

  constructor(private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.JWT_SECRET);
  }

  get ttlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  /** `ttlSeconds` other than the configured one is for tests of expiry. */
  issue(userId: string, ttlSeconds = this.ttlSeconds): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (!payload.sub || typeof payload.iat !== 'number' || typeof payload.exp !== 'number') throw new DomainError(ErrorCode.Unauthenticated, 'Malformed access token');
      return { userId: payload.sub, issuedAt: payload.iat, expiresAt: payload.exp };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new DomainError(ErrorCode.TokenExpired, 'The access token has expired; refresh it');
      if (error instanceof DomainError) throw error;
      throw new DomainError(ErrorCode.Unauthenticated, 'Invalid access token');
    }
  }
}
