import type { UserView } from './users';

export interface LoginRequest {
  email: string;
  password: string;
}

/**
 * The refresh token never appears in a body: it travels only in an httpOnly cookie
 * scoped to the auth routes, so page scripts cannot read it.
 */
export interface SessionResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: UserView;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export const PASSWORD_MIN_LENGTH = 10;
export const REFRESH_COOKIE_NAME = 'bt_refresh';
