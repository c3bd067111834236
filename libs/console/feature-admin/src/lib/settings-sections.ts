import { Role, ROLES } from '@backtalk/contracts';

export interface SettingsSection {
  path: string;
  label: string;
  roles: readonly Role[];
}

/** One list drives both the settings navigation and the role checks on its routes. */
export const SETTINGS_SECTIONS = [
  { path: 'users', label: 'Users', roles: [Role.Admin, Role.Supervisor] },
  { path: 'teams', label: 'Teams', roles: [Role.Admin, Role.Supervisor] },
  { path: 'my-teams', label: 'My teams', roles: [Role.Agent] },
  // Everyone sees their teams' channels; only admins change them.
  { path: 'channels', label: 'Channels', roles: ROLES },
  // Agents read canned answers in the composer; only admins and supervisors write them and the rules that send them.
  { path: 'faqs', label: 'FAQs & answers', roles: [Role.Admin, Role.Supervisor] },
  { path: 'automation', label: 'Automation', roles: [Role.Admin, Role.Supervisor] },
  // Agents use labels in the inbox; admins manage every team's and the global ones, supervisors their teams'.
  { path: 'labels', label: 'Labels', roles: [Role.Admin, Role.Supervisor] },
  // Everyone keeps their own macros; admins and supervisors also share them with teams.
  { path: 'macros', label: 'Macros', roles: ROLES },
  // Agents fill contact attributes in on contacts; only admins define them, for every team at once.
  { path: 'contact-attributes', label: 'Contact attributes', roles: [Role.Admin] },
  { path: 'api-keys', label: 'API keys', roles: [Role.Admin] },
  { path: 'profile', label: 'My profile', roles: ROLES },
] as const satisfies readonly SettingsSection[];

export type SettingsSectionPath = (typeof SETTINGS_SECTIONS)[number]['path'];

export function sectionsFor(role: Role): SettingsSection[] {
  return SETTINGS_SECTIONS.filter((section) => (section.roles as readonly Role[]).includes(role));
}

export function sectionRoles(path: SettingsSectionPath): readonly Role[] {
  return SETTINGS_SECTIONS.find((section) => section.path === path)?.roles ?? [];
}

/** The page /settings opens on. */
export function defaultSectionFor(role: Role): string {
  return sectionsFor(role)[0]?.path ?? 'profile';
}
