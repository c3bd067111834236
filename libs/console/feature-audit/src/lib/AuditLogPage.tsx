import { type AuditEntryView, Role } from '@backtalk/contracts';
import { type AuditLogFilters, useAuditLog, useChannels, useDownloadAuditCsv, useSignedInUser, useTeams, useToastActions, useUsers } from '@backtalk/console/data-access';
import { QueryState } from '@backtalk/console/feature-admin';
import { formatDateTime, useTranslation } from '@backtalk/console/i18n';
import { Banner, Button, Dialog, EmptyState, PageHeader, SelectField, Table, TextField, type SelectOption, type TableColumn } from '@backtalk/console/ui';
import { useDeferredValue, useMemo, useState } from 'react';
import { ACTION_FAMILIES, actionLabel, actorLabel, changedFieldsOf, familyLabel, fieldLabel, targetTypeLabel, valueText } from './audit-labels';
import './audit-log.css';

interface FilterValues {
  actorUserId: string;
  action: string;
  target: string;
  /** yyyy-mm-dd in the viewer's time zone, as a date field gives it. */
  fromDay: string;
  toDay: string;
}

const NO_FILTERS: FilterValues = { actorUserId: '', action: '', target: '', fromDay: '', toDay: '' };

/** The API's filters: whole local days, the last one included, as an instant range. */
function apiFilters(values: FilterValues): AuditLogFilters {
  const startOf = (day: string) => new Date(`${day}T00:00:00`);
  const dayAfter = (day: string) => {
    const date = startOf(day);
    date.setDate(date.getDate() + 1);
    return date;
  };
  return {
    ...(values.actorUserId ? { actorUserId: values.actorUserId } : {}),
    ...(values.action ? { action: values.action } : {}),
    ...(values.target.trim() ? { target: values.target.trim() } : {}),
    ...(values.fromDay ? { from: startOf(values.fromDay).toISOString() } : {}),
    ...(values.toDay ? { to: dayAfter(values.toDay).toISOString() } : {}),
  };
}

function Who({ actor }: { actor: AuditEntryView['actor'] }) {
  const label = actorLabel(actor);
  return (
    <span className="bt-audit__who">
      <span className="bt-table__primary" translate={label.nameIsData ? 'no' : undefined}>
        {label.name}
      </span>
      {label.kind ? <span className="bt-muted">{label.kind}</span> : null}
    </span>
  );
}

function Target({ target }: { target: AuditEntryView['target'] }) {
  const type = targetTypeLabel(target.type);
  return (
    <span className="bt-audit__target">
      <span className="bt-muted" translate={type.isData ? 'no' : undefined}>
        {type.text}
      </span>
      {target.label ? <span translate="no">{target.label}</span> : target.id ? <code translate="no">{target.id.slice(0, 8)}</code> : null}
    </span>
  );
}

/** Ids of teams, people and channels the viewer knows, by their names, so a diff says "Support" rather than a UUID. */
function useKnownNames(): ReadonlyMap<string, string> {
  const teams = useTeams();
  const users = useUsers();
  const channels = useChannels();
  return useMemo(() => new Map([...(teams.data ?? []), ...(users.data ?? []), ...(channels.data ?? [])].map((item) => [item.id, item.name])), [teams.data, users.data, channels.data]);
}

function named(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return names.get(value) ?? value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.map((item: string) => names.get(item) ?? item);
  return value;
}

function Value({ value: recorded, present, names }: { value: unknown; present: boolean; names: ReadonlyMap<string, string> }) {
  if (!present) return <span className="bt-muted">—</span>;
  const value = named(recorded, names);
  const shown = valueText(value);
  if (shown.code) return <code className="bt-audit__code" translate="no">{shown.text}</code>;
  const isData = typeof value === 'string' || typeof value === 'number' || Array.isArray(value);
  return <span translate={isData ? 'no' : undefined}>{shown.text}</span>;
}

function FieldName({ field }: { field: string }) {
  const label = fieldLabel(field);
  return label.isData ? (
    <code role="rowheader" translate="no" className="bt-audit__field">
      {label.text}
    </code>
  ) : (
    <span role="rowheader" className="bt-audit__field">
      {label.text}
    </span>
  );
}

function EntryDialog({ entry, onClose }: { entry: AuditEntryView | null; onClose: () => void }) {
  const { t } = useTranslation('audit');
  const action = entry ? actionLabel(entry.action) : null;
  const fields = changedFieldsOf(entry?.diff ?? null);
  const names = useKnownNames();
  return (
    <Dialog open={entry !== null} onClose={onClose} title={action?.text ?? ''} size="lg">
      {entry ? (
        <div className="bt-stack">
          <dl className="bt-audit__facts">
            <dt>{t('details.when')}</dt>
            <dd>{formatDateTime(entry.occurredAt)}</dd>
            <dt>{t('details.who')}</dt>
            <dd>
              <Who actor={entry.actor} />
            </dd>
            <dt>{t('details.target')}</dt>
            <dd>
              <Target target={entry.target} />
            </dd>
            <dt>{t('details.ip')}</dt>
            <dd translate={entry.origin.ip ? 'no' : undefined}>{entry.origin.ip ?? t('details.unknownOrigin')}</dd>
            <dt>{t('details.userAgent')}</dt>
            <dd className="bt-audit__agent" translate={entry.origin.userAgent ? 'no' : undefined}>
              {entry.origin.userAgent ?? t('details.unknownOrigin')}
            </dd>
          </dl>
          <section aria-label={t('details.changes')}>
            <h3 className="bt-audit__heading">{t('details.changes')}</h3>
            {fields.length === 0 ? (
              <p className="bt-muted">{t('details.nothing')}</p>
            ) : (
              <div className="bt-audit__diff" role="table" aria-label={t('details.changes')}>
                <div className="bt-audit__diff-row bt-audit__diff-row--head" role="row">
                  <span role="columnheader">{t('details.field')}</span>
                  <span role="columnheader">{t('details.before')}</span>
                  <span role="columnheader">{t('details.after')}</span>
                </div>
                {fields.map((field) => (
                  <div className="bt-audit__diff-row" role="row" key={field.field}>
                    <FieldName field={field.field} />
                    <span role="cell" className="bt-audit__before" data-label={t('details.before')}>
                      <Value value={field.before} present={field.hasBefore} names={names} />
                    </span>
                    <span role="cell" className="bt-audit__after" data-label={t('details.after')}>
                      <Value value={field.after} present={field.hasAfter} names={names} />
                    </span>
                  </div>
                ))}
              </div>
            )}
          </section>
        </div>
      ) : null}
    </Dialog>
  );
}

export function AuditLogPage() {
  const { t } = useTranslation('audit');
  const me = useSignedInUser();
  const users = useUsers();
  const [values, setValues] = useState<FilterValues>(NO_FILTERS);
  const [open, setOpen] = useState<AuditEntryView | null>(null);
  const deferred = useDeferredValue(values);
  const badRange = Boolean(deferred.fromDay && deferred.toDay && deferred.fromDay > deferred.toDay);
  const filters = useMemo(() => apiFilters(badRange ? { ...deferred, fromDay: '', toDay: '' } : deferred), [deferred, badRange]);
  const log = useAuditLog(filters);
  const download = useDownloadAuditCsv();
  const { toastShown } = useToastActions();
  const entries = useMemo(() => log.data?.pages.flatMap((page) => page.entries) ?? [], [log.data]);
  const filtered = Object.keys(filters).length > 0;
  const set = (changes: Partial<FilterValues>) => setValues((current) => ({ ...current, ...changes }));

  const personOptions: SelectOption[] = [{ value: '', label: t('filters.anyone') }, ...(users.data ?? []).map((user) => ({ value: user.id, label: user.name, isData: true }))];
  const actionOptions: SelectOption[] = [{ value: '', label: t('filters.allActions') }, ...ACTION_FAMILIES.map((family) => ({ value: family, label: familyLabel(family) }))];

  const columns: TableColumn<AuditEntryView>[] = [
    { id: 'when', header: t('columns.when'), cell: (entry) => <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time> },
    { id: 'who', header: t('columns.who'), cell: (entry) => <Who actor={entry.actor} /> },
    {
      id: 'action',
      header: t('columns.action'),
      cell: (entry) => {
        const label = actionLabel(entry.action);
        return <span translate={label.isData ? 'no' : undefined}>{label.text}</span>;
      },
    },
    { id: 'target', header: t('columns.target'), grow: true, cell: (entry) => <Target target={entry.target} /> },
    { id: 'origin', header: t('columns.origin'), secondary: true, cell: (entry) => (entry.origin.ip ? <span translate="no">{entry.origin.ip}</span> : <span className="bt-muted">—</span>) },
    {
      id: 'details',
      header: <span className="bt-sr-only">{t('columns.details')}</span>,
      align: 'end',
      cell: (entry) => (
        <Button size="sm" variant="ghost" aria-label={t('details.openNamed', { action: actionLabel(entry.action).text, when: formatDateTime(entry.occurredAt) })} onClick={() => setOpen(entry)}>
          {t('details.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('page.title')}
        description={me.role === Role.Admin ? t('page.descriptionAdmin') : t('page.descriptionSupervisor')}
        actions={
          <Button
            icon="arrow-right"
            pending={download.isPending}
            onClick={() => download.mutate(filters, { onError: () => toastShown('danger', t('page.exportFailed')) })}
          >
            {t('page.export')}
          </Button>
        }
      />
      <div className="bt-stack">
        <div className="bt-audit__filters" role="group" aria-label={t('filters.group')}>
          <SelectField label={t('filters.person')} options={personOptions} value={values.actorUserId} onChange={(actorUserId) => set({ actorUserId })} />
          <SelectField label={t('filters.action')} options={actionOptions} value={values.action} onChange={(action) => set({ action })} />
          <TextField label={t('filters.target')} type="search" placeholder={t('filters.targetPlaceholder')} value={values.target} maxLength={200} onChange={(event) => set({ target: event.target.value })} />
          <TextField label={t('filters.from')} type="date" value={values.fromDay} onChange={(event) => set({ fromDay: event.target.value })} />
          <TextField label={t('filters.to')} type="date" value={values.toDay} onChange={(event) => set({ toDay: event.target.value })} />
          {filtered || values !== NO_FILTERS ? (
            <Button variant="ghost" size="sm" className="bt-audit__clear" onClick={() => setValues(NO_FILTERS)}>
              {t('filters.clear')}
            </Button>
          ) : null}
        </div>
        {badRange ? <Banner tone="warning">{t('filters.badRange')}</Banner> : null}
        <QueryState loadingLabel={t('page.loading')} errorTitle={t('page.loadFailed')} isPending={log.isPending} error={log.error} onRetry={() => void log.refetch()}>
          {entries.length > 0 ? (
            <div className="bt-stack">
              <Table narrow="stack" caption={t('list.caption')} columns={columns} rows={entries} rowKey={(entry) => entry.seq} />
              <div className="bt-audit__more">
                <span className="bt-muted">{t('list.shown', { count: entries.length })}</span>
                {log.hasNextPage ? (
                  <Button size="sm" pending={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                    {t('list.more')}
                  </Button>
                ) : null}
              </div>
            </div>
          ) : (
            <EmptyState compact icon="settings" title={t('list.emptyTitle')}>
              {filtered ? t('list.emptyFiltered') : t('list.empty')}
            </EmptyState>
          )}
        </QueryState>
      </div>
      <EntryDialog entry={open} onClose={() => setOpen(null)} />
    </>
  );
}
