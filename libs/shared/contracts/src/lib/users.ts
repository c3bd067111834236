import type { Role } from './roles';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  teamIds: string[];
  createdAt: string;
}

export interface CreateUserRequest {
  email: string;
  name: string;
  password: string;
  role: Role;
  teamIds?: string[];
}

export interface UpdateUserRequest {
  name?: string;
  role?: Role;
  active?: boolean;
  teamIds?: string[];
}

/** One person's own console settings, kept with their account so they follow them to any browser. */
export interface UserPreferences {
  /** After resolving a conversation, open the next one of the list it was in. */
  nextAfterResolve: boolean;
}

export type UpdateUserPreferencesRequest = Partial<UserPreferences>;
