import '../inbox.css';
import { ConversationStatus, Role } from '@backtalk/contracts';
import { filterFromSearchParams, filterToSearchParams, useInboxCounts, useSignedInUser, useTeams, type InboxFilter } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { cx } from '@backtalk/console/ui';
import { Link, useLocation, useSearchParams } from 'react-router-dom';

interface ViewLink {
  key: string;
  label: string;
  count: number | undefined;
  filter: Pick<InboxFilter, 'view' | 'teamId'>;
}

function countLabel(count: number | undefined): string {
  if (count === undefined) return '';
  return count > 999 ? '999+' : String(count);
}

/** Mine, Unassigned, each team, All: under the Inbox link, with how many conversations each holds in the current tab. */
export function InboxViewsNav() {
  const [params] = useSearchParams();
  // Switching views keeps the open conversation open, as switching folders does in a mail client.
  const { pathname } = useLocation();
  const current = filterFromSearchParams(params);
  const user = useSignedInUser();
  const { t } = useTranslation('inbox');
  // A search over every status counts what is open, as the plain inbox does.
  const { data: counts } = useInboxCounts(current.status ?? ConversationStatus.Open);
  const { data: teams } = useTeams();
  const myTeams = (teams ?? []).filter((team) => user.role === Role.Admin || team.memberIds.includes(user.id));

  const links: ViewLink[] = [
    { key: 'mine', label: t('list.views.mine'), count: counts?.mine, filter: { view: 'mine', teamId: null } },
    { key: 'unassigned', label: t('list.views.unassigned'), count: counts?.unassigned, filter: { view: 'unassigned', teamId: null } },
    ...myTeams.map((team) => ({ key: team.id, label: team.name, count: counts?.teams[team.id] ?? 0, filter: { view: 'team' as const, teamId: team.id } })),
    { key: 'all', label: t('list.views.all'), count: counts?.all, filter: { view: 'all', teamId: null } },
  ];

  return (
    <ul className="bt-inbox-views" aria-label={t('list.views.nav')}>
      {links.map((link) => {
        const active = current.view === link.filter.view && (link.filter.view !== 'team' || current.teamId === link.filter.teamId);
        const search = filterToSearchParams({ ...current, ...link.filter, q: '' }).toString();
        const isTeam = link.filter.view === 'team';
        return (
          <li key={link.key}>
            <Link
              to={{ pathname, search }}
              className={cx('bt-inbox-views__link', active && 'bt-inbox-views__link--active', isTeam && 'bt-inbox-views__link--team')}
              aria-current={active ? 'page' : undefined}
            >
              <span className="bt-inbox-views__label" translate={isTeam ? 'no' : undefined}>
                {link.label}
              </span>
              <span className="bt-inbox-views__count" aria-label={link.count === undefined ? undefined : t('list.views.conversations', { count: link.count })}>
                {countLabel(link.count)}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
