import type { UserView } from '@backtalk/contracts';
import type { UserEntity } from '../entities';

export function toUserView(user: UserEntity, teamIds: readonly string[]): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    teamIds: [...teamIds],
    createdAt: user.createdAt.toISOString(),
    locale: user.locale ?? null,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
