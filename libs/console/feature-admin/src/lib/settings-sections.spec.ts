import { Role } from '@backtalk/contracts';
import { defaultSectionFor, sectionRoles, sectionsFor } from './settings-sections';

const labels = (role: Role) => sectionsFor(role).map((section) => section.label);

describe('settings sections', () => {
  it('gives admins every administration screen', () => {
    expect(labels(Role.Admin)).toEqual(['Users', 'Teams', 'Channels', 'FAQs & answers', 'Automation', 'Labels', 'Macros', 'Contact attributes', 'API keys', 'Audit log', 'My profile']);
  });

  it('gives supervisors their teams and members, and their teams’ audit log, but no API keys', () => {
    expect(labels(Role.Supervisor)).toEqual(['Users', 'Teams', 'Channels', 'FAQs & answers', 'Automation', 'Labels', 'Macros', 'Audit log', 'My profile']);
  });

  it('gives agents their own teams, their teams’ channels and their profile', () => {
    expect(labels(Role.Agent)).toEqual(['My teams', 'Channels', 'Macros', 'My profile']);
  });

  it('keeps agents off the users screen', () => {
    expect(sectionRoles('users')).not.toContain(Role.Agent);
  });

  it('opens settings on the first section the role can see', () => {
    expect(defaultSectionFor(Role.Admin)).toBe('users');
    expect(defaultSectionFor(Role.Agent)).toBe('my-teams');
  });
});
