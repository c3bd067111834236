import { Role, ROLES } from '@backtalk/contracts';
import { translateAdmin as t } from '../i18n';

interface SettingsSectionDefinition {
  path: string;
  roles: readonly Role[];
}

export interface SettingsSection extends SettingsSectionDefinition {
  /** In the console's language at the time of asking. */
  label: string;
}

/** One list drives both the settings navigation and the role checks on its routes. */
export const SETTINGS_SECTIONS = [
  { path: 'users', roles: [Role.Admin, Role.Supervisor] },
  { path: 'teams', roles: [Role.Admin, Role.Supervisor] },
  { path: 'my-teams', roles: [Role.Agent] },
  // Everyone sees their teams' channels; only admins change them.
  { path: 'channels', roles: ROLES },
  // Agents read canned answers in the composer; only admins and supervisors write them and the rules that send them.
  { path: 'faqs', roles: [Role.Admin, Role.Supervisor] },
  { path: 'automation', roles: [Role.Admin, Role.Supervisor] },
  // Agents use labels in the inbox; admins manage every team's and the global ones, supervisors their teams'.
  { path: 'labels', roles: [Role.Admin, Role.Supervisor] },
  // Everyone keeps their own macros; admins and supervisors also share them with teams.
  { path: 'macros', roles: ROLES },
  // Agents fill contact attributes in on contacts; only admins define them, for every team at once.
  { path: 'contact-attributes', roles: [Role.Admin] },
  { path: 'api-keys', roles: [Role.Admin] },
  // Admins read the whole trail; supervisors what concerns their teams.
  { path: 'audit-log', roles: [Role.Admin, Role.Supervisor] },
  { path: 'profile', roles: ROLES },
] as const satisfies readonly SettingsSectionDefinition[];

export type SettingsSectionPath = (typeof SETTINGS_SECTIONS)[number]['path'];

export function sectionsFor(role: Role): SettingsSection[] {
  return SETTINGS_SECTIONS.filter((section) => (section.roles as readonly Role[]).includes(role)).map((section) => ({
    ...section,
    label: t(`sections.${section.path}`),
  }));
}

export function sectionRoles(path: SettingsSectionPath): readonly Role[] {
  return SETTINGS_SECTIONS.find((section) => section.path === path)?.roles ?? [];
}

/** The page /settings opens on. */
export function defaultSectionFor(role: Role): string {
  return sectionsFor(role)[0]?.path ?? 'profile';
}
