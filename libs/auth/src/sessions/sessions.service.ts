import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AuditService } from '@backtalk/audit';
import { ErrorCode, type SessionResponse } from '@backtalk/contracts';
import { AppConfig, DomainError } from '@backtalk/platform';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { RefreshRevocationReason, RefreshTokenEntity, TeamMemberEntity, UserEntity } from '../entities';
import { UsersService } from '../users/users.service';
import { normaliseEmail } from '../users/user-view';
import { AccessTokenService } from './access-token.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { revokeRefreshTokens } from './revoke-refresh-tokens';

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export interface IssuedSession {
  session: SessionResponse;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/**
 * Two tabs sharing one cookie may refresh at the same moment; the loser presents a token rotated a moment ago.
 * Inside this window that is treated as a race, not as theft.
 */
const ROTATION_RACE_WINDOW_MS = 15_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);
  /** Verified against when the email is unknown, so a response's timing does not reveal which emails exist. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RefreshTokenEntity) private readonly refreshTokens: Repository<RefreshTokenEntity>,
    private readonly usersService: UsersService,
    private readonly accessTokens: AccessTokenService,
    private readonly hasher: PasswordHasher,
    private readonly rateLimiter: LoginRateLimiter,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {
    this.dummyHash = hasher.hash(randomUUID());
  }

  async login(emailInput: string, password: string, client: ClientInfo): Promise<IssuedSession> {
    const email = normaliseEmail(emailInput);
    await this.rateLimiter.assertAllowed(email, client.ip);
    const user = await this.users.createQueryBuilder('user').addSelect('user.passwordHash').where('user.email = :email', { email }).getOne();
    const passwordMatches = await this.hasher.verify(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !passwordMatches || !user.active) {
      const lockout = await this.rateLimiter.recordFailure(email, client.ip);
      const reason = !user ? 'unknown email' : !passwordMatches ? 'wrong password' : 'account deactivated';
      this.logger.warn({ email, ip: client.ip, reason }, 'failed sign-in');
      const attempt = {
        actor: { kind: 'anonymous' as const, attemptedEmail: email },
        target: { type: 'user', ...(user ? { id: user.id } : {}), label: email },
        teamIds: user ? await this.teamIdsOf(user.id) : [],
        origin: client,
      };
      await this.audit.record({ ...attempt, action: 'session.sign_in_failed', diff: { after: { reason } } });
      // The attempts refused while locked out are not recorded one by one: a guesser could fill the trail with them.
      if (lockout) await this.audit.record({ ...attempt, action: 'session.locked_out', diff: { after: { account: lockout.account, ip: lockout.ip, retryAfterSeconds: lockout.retryAfterSeconds } } });
      throw new DomainError(ErrorCode.InvalidCredentials, 'The email or password is incorrect');
    }
    await this.rateLimiter.recordSuccess(email);
    this.logger.log({ userId: user.id, ip: client.ip }, 'signed in');
    const teamIds = await this.teamIdsOf(user.id);
    return this.dataSource.transaction(async (manager) => {
      const issued = await this.issue(manager, user, randomUUID(), client);
      await this.audit.record({ actor: { kind: 'user', userId: user.id }, action: 'session.signed_in', target: { type: 'user', id: user.id, label: user.email }, teamIds, origin: client }, manager);
      return issued;
    });
  }

  async refresh(refreshToken: string | undefined, client: ClientInfo): Promise<IssuedSession> {
    const invalid = () => new DomainError(ErrorCode.RefreshTokenInvalid, 'The session has ended; sign in again');
    if (!refreshToken) throw invalid();
    const tokenHash = hashToken(refreshToken);
    const issued = await this.dataSource.transaction(async (manager) => {
      // The conditional UPDATE is the rotation itself: of two concurrent refreshes with one token, exactly one wins.
      const rotated = await manager
        .createQueryBuilder()
        .update(RefreshTokenEntity)
        .set({ revokedAt: () => 'now()', revokedReason: RefreshRevocationReason.Rotated })
        .where('token_hash = :tokenHash AND revoked_at IS NULL AND expires_at > now()', { tokenHash })
        .returning('id, user_id, family_id')
        .execute();
      const current = (rotated.raw as Array<{ id: string; user_id: string; family_id: string }>)[0];
      if (!current) return undefined;
      const user = await manager.findOneBy(UserEntity, { id: current.user_id });
      if (!user?.active) throw invalid();
      return this.issue(manager, user, current.family_id, client);
    });
    if (issued) return issued;
    // Outside the rotation's transaction: the family revocation must stick although this request fails.
    await this.handleUnusableToken(this.dataSource.manager, tokenHash);
    throw invalid();
  }

  private async handleUnusableToken(manager: EntityManager, tokenHash: string): Promise<void> {
    const known = await manager.findOneBy(RefreshTokenEntity, { tokenHash });
    if (!known || known.revokedReason !== RefreshRevocationReason.Rotated || !known.revokedAt) return;
    if (Date.now() - known.revokedAt.getTime() < ROTATION_RACE_WINDOW_MS) return;
    // An old, already-rotated token came back: someone else holds a copy. End the whole login.
    await revokeRefreshTokens(manager, { familyId: known.familyId }, RefreshRevocationReason.ReuseDetected);
    this.logger.warn({ userId: known.userId, familyId: known.familyId }, 'refresh token reuse detected; session family revoked');
  }

  async logout(refreshToken: string | undefined, client?: ClientInfo): Promise<void> {
    if (!refreshToken) return;
    const known = await this.refreshTokens.findOneBy({ tokenHash: hashToken(refreshToken) });
    if (!known) return;
    const user = await this.users.findOneBy({ id: known.userId });
    const teamIds = await this.teamIdsOf(known.userId);
    await this.dataSource.transaction(async (manager) => {
      await revokeRefreshTokens(manager, { familyId: known.familyId }, RefreshRevocationReason.Logout);
      await this.audit.record(
        { actor: { kind: 'user', userId: known.userId }, action: 'session.signed_out', target: { type: 'user', id: known.userId, label: user?.email }, teamIds, origin: client },
        manager,
      );
    });
  }

  private async teamIdsOf(userId: string): Promise<string[]> {
    return (await this.dataSource.manager.find(TeamMemberEntity, { select: { teamId: true }, where: { userId } })).map((row) => row.teamId);
  }

  async changePassword(userId: string, currentPassword: string, newPassword: string, client: ClientInfo): Promise<IssuedSession> {
    const user = await this.users.createQueryBuilder('user').addSelect('user.passwordHash').where('user.id = :userId', { userId }).getOneOrFail();
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new DomainError(ErrorCode.ValidationFailed, 'The current password is incorrect', [{ field: 'currentPassword', messages: ['is incorrect'] }]);
    }
    const passwordHash = await this.hasher.hash(newPassword);
    const teamIds = await this.teamIdsOf(userId);
    return this.dataSource.transaction(async (manager) => {
      // Whole seconds, because JWT issued-at is in seconds: the session issued below must stay valid.
      const changedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      await manager.update(UserEntity, { id: userId }, { passwordHash, passwordChangedAt: changedAt });
      await revokeRefreshTokens(manager, { userId }, RefreshRevocationReason.PasswordChanged);
      const issued = await this.issue(manager, { ...user, passwordChangedAt: changedAt }, randomUUID(), client);
      await this.audit.record({ actor: { kind: 'user', userId }, action: 'user.password_changed', target: { type: 'user', id: userId, label: user.email }, teamIds, origin: client }, manager);
      return issued;
    });
  }

  private async issue(manager: EntityManager, user: UserEntity, familyId: string, client: ClientInfo): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
    await manager.insert(RefreshTokenEntity, {
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: refreshExpiresAt,
      ip: client.ip.slice(0, 64),
      userAgent: client.userAgent?.slice(0, 400) ?? null,
    });
    const [accessToken, userView] = await Promise.all([this.accessTokens.issue(user.id), this.usersService.viewOf(user, manager)]);
    return { session: { accessToken, expiresIn: this.accessTokens.ttlSeconds, user: userView }, refreshToken, refreshExpiresAt };
  }
}
