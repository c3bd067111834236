import { type EntityManager, IsNull } from 'typeorm';
import { type RefreshRevocationReason, RefreshTokenEntity } from '../entities';

/** Ends every still-valid refresh token of a user, or of one login (a family). */
export async function revokeRefreshTokens(
  manager: EntityManager,
  scope: { userId: string } | { familyId: string },
  reason: RefreshRevocationReason,
): Promise<void> {
  await manager.update(RefreshTokenEntity, { ...scope, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
}
