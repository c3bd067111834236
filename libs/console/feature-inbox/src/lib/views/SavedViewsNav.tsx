import '../inbox.css';
import { savedViewCountCap, type SavedViewView } from '@backtalk/contracts';
import {
  describeError,
  filterFromSavedView,
  filterFromSearchParams,
  filterToSearchParams,
  sameFilter,
  useDeleteSavedView,
  useOrderSavedViews,
  useSavedViewCounts,
  useSavedViews,
  useToastActions,
} from '@backtalk/console/data-access';
import { useFormat, useTranslation } from '@backtalk/console/i18n';
import { ConfirmDialog, cx, Menu } from '@backtalk/console/ui';
import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { RenameViewDialog } from './RenameViewDialog';

function countLabel(count: number | undefined, cap: number, formatNumber: (value: number) => string): string {
  if (count === undefined) return '';
  return count >= cap ? `${formatNumber(cap - 1)}+` : String(count);
}

const moved = (ids: readonly string[], from: number, to: number): string[] => {
  const next = [...ids];
  const [id] = next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
};

/** The person's saved views under the inbox views: click to open, with a live count, and a menu to move, rename or delete. */
export function SavedViewsNav() {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const current = filterFromSearchParams(params);
  const { data: views = [] } = useSavedViews();
  const { data: counts } = useSavedViewCounts(views.length > 0);
  const order = useOrderSavedViews();
  const remove = useDeleteSavedView();
  const { toastShown } = useToastActions();
  const { t } = useTranslation('inbox');
  const format = useFormat();
  const [deleting, setDeleting] = useState<SavedViewView | null>(null);
  const [renaming, setRenaming] = useState<SavedViewView | null>(null);
  if (views.length === 0) return null;
  const ids = views.map((view) => view.id);

  return (
    <section className="bt-saved-views" aria-label={t('list.savedViews.region')}>
      <h2 className="bt-saved-views__title">{t('list.savedViews.title')}</h2>
      <ul className="bt-inbox-views">
        {views.map((view, index) => {
          const filter = filterFromSavedView(view.filters);
          const active = sameFilter(filter, current);
          const count = counts?.[view.id];
          const cap = savedViewCountCap(view.filters);
          return (
            <li key={view.id} className="bt-saved-views__item">
              <Link
                to={{ pathname, search: filterToSearchParams(filter).toString() }}
                className={cx('bt-inbox-views__link', active && 'bt-inbox-views__link--active')}
                aria-current={active ? 'page' : undefined}
              >
                <span translate="no" className="bt-inbox-views__label">{view.name}</span>
                <span className="bt-inbox-views__count" data-testid="saved-view-count" aria-label={count === undefined ? undefined : count >= cap ? t('list.savedViews.moreThan', { count: cap - 1 }) : t('list.savedViews.conversations', { count })}>
                  {countLabel(count, cap, format.number)}
                </span>
              </Link>
              <Menu
                label={t('list.savedViews.options', { name: view.name })}
                icon="more"
                variant="ghost"
                size="sm"
                align="end"
                entries={[
                  { id: 'up', label: t('list.savedViews.moveUp'), icon: 'chevron', disabled: index === 0, onSelect: () => order.mutate(moved(ids, index, index - 1)) },
                  { id: 'down', label: t('list.savedViews.moveDown'), icon: 'chevron-down', disabled: index === views.length - 1, onSelect: () => order.mutate(moved(ids, index, index + 1)) },
                  { kind: 'separator', id: 'sep' },
                  { id: 'rename', label: t('list.savedViews.rename'), icon: 'edit', disabled: !view.editable, onSelect: () => setRenaming(view) },
                  { id: 'delete', label: t('list.savedViews.delete'), icon: 'trash', disabled: !view.editable, onSelect: () => setDeleting(view) },
                ]}
              />
            </li>
          );
        })}
      </ul>
      <RenameViewDialog view={renaming} onClose={() => setRenaming(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={t('list.savedViews.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('list.savedViews.deleteConfirm')}
        tone="danger"
        pending={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null), onError: (error) => toastShown('danger', describeError(error)) })}
      >
        <p>{deleting?.teamId ? t('list.savedViews.deleteShared') : t('list.savedViews.deletePrivate')}</p>
      </ConfirmDialog>
    </section>
  );
}
