import type { Role } from './roles';

/** The languages the console is written in. */
export const CONSOLE_LOCALES = ['en', 'uk'] as const;
export type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  teamIds: string[];
  createdAt: string;
  /** The console language the person chose; null: none chosen, the console follows their browser. */
  locale: ConsoleLocale | null;
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
  /** The console's language; null: none chosen, the console follows the browser. */
  locale: ConsoleLocale | null;
}

export type UpdateUserPreferencesRequest = Partial<UserPreferences>;
