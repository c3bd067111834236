import { Role, type ChannelView } from '@backtalk/contracts';
import { useChannels, useSignedInUser, useTeams, useToastActions } from '@backtalk/console/data-access';
import { Badge, Button, copyText, EmptyState, PageHeader, RowActions, Table, type TableColumn } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import { useMemo, useState } from 'react';
import { indexById } from '../directory';
import { QueryState } from '../shared';
import { ChannelDetailsDialog } from './ChannelDetailsDialog';
import { ChannelCreatedDialog, ChannelFormDialog } from './ChannelFormDialog';
import { formatSender, PROVIDER_SPECS, SENDER_TYPE_SHORT_LABELS } from './providers';
import { usePhoneFormat } from './usePhoneFormat';
import './channels.css';

type OpenDialog =
  | { kind: 'form'; target: ChannelView | 'new' }
  | { kind: 'created'; channel: ChannelView }
  | { kind: 'details'; channel: ChannelView };

const webhookElementId = (channel: ChannelView) => `bt-webhook-${channel.id}`;
/** Characters kept at the end of a shortened webhook URL: the end of the channel's id. */
const URL_TAIL = 8;

function ProviderName({ channel }: { channel: ChannelView }) {
  const { label } = PROVIDER_SPECS[channel.provider];
  return (
    <span className="bt-provider">
      {/* A monogram drawn like a logo: its letters are decoration (CSS content), not a word of the page's text. */}
      <span className="bt-provider__mark" aria-hidden="true" data-monogram={label.slice(0, 2)} />
      {label}
    </span>
  );
}

export function ChannelsPage() {
  const { t } = useTranslation('admin');
  const me = useSignedInUser();
  const isAdmin = me.role === Role.Admin;
  const channels = useChannels();
  const teams = useTeams();
  const formatPhone = usePhoneFormat();
  const { toastShown } = useToastActions();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const teamsById = useMemo(() => indexById(teams.data), [teams.data]);
  const isEmpty = channels.data?.length === 0;

  const copyWebhook = async (channel: ChannelView) => {
    if (await copyText(channel.webhookUrl)) {
      toastShown('success', t('channels.webhookCopied'));
      return;
    }
    // Copying needs a secure context and permission; a selection can still be copied by hand.
    const element = document.getElementById(webhookElementId(channel));
    if (element) window.getSelection()?.selectAllChildren(element);
    toastShown('danger', t('channels.copyBlocked'));
  };

  const columns: TableColumn<ChannelView>[] = [
    { id: 'name', header: t('channels.columns.name'), cell: (channel) => <span translate="no" className="bt-table__primary">{channel.name}</span> },
    { id: 'provider', header: t('channels.columns.provider'), cell: (channel) => <ProviderName channel={channel} /> },
    {
      id: 'sender',
      header: t('channels.columns.sender'),
      cell: (channel) => (
        <>
          <span className="bt-nowrap">{formatSender(channel, formatPhone)}</span>
          <span className="bt-table__sub bt-nowrap">{SENDER_TYPE_SHORT_LABELS[channel.senderType]}</span>
        </>
      ),
    },
    {
      id: 'team',
      header: t('channels.columns.team'),
      secondary: true,
      cell: (channel) => {
        const team = teamsById.get(channel.teamId);
        return team ? <span translate="no">{team.name}</span> : <span className="bt-muted">—</span>;
      },
    },
    {
      id: 'status',
      header: t('channels.columns.status'),
      cell: (channel) => (channel.active ? <Badge tone="success">{t('shared.active')}</Badge> : <Badge>{t('shared.inactive')}</Badge>),
    },
    {
      id: 'webhook',
      header: t('channels.columns.webhook'),
      grow: true,
      cell: (channel) => (
        <span className="bt-webhook">
          {/* Cut short in the middle, so the end that tells channels apart stays visible; the page keeps all of it. */}
          <code id={webhookElementId(channel)} className="bt-webhook__url" title={channel.webhookUrl} translate="no">
            <span className="bt-webhook__head">{channel.webhookUrl.slice(0, -URL_TAIL)}</span>
            <span className="bt-webhook__tail">{channel.webhookUrl.slice(-URL_TAIL)}</span>
          </code>
          <Button size="sm" icon="copy" aria-label={t('channels.copyWebhookFor', { name: channel.name })} onClick={() => void copyWebhook(channel)}>
            {t('channels.copy')}
          </Button>
        </span>
      ),
    },
    {
      id: 'actions',
      header: <span className="bt-sr-only">{t('shared.actions')}</span>,
      align: 'end',
      cell: (channel) => (
        <RowActions>
          {isAdmin ? (
            <Button size="sm" variant="ghost" aria-label={t('shared.editNamed', { name: channel.name })} onClick={() => setDialog({ kind: 'form', target: channel })}>
              {t('shared.edit')}
            </Button>
          ) : (
            <Button size="sm" variant="ghost" aria-label={t('channels.detailsOf', { name: channel.name })} onClick={() => setDialog({ kind: 'details', channel })}>
              {t('channels.details')}
            </Button>
          )}
        </RowActions>
      ),
    },
  ];

  const createButton = (
    <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'form', target: 'new' })}>
      {t('channels.create')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('channels.title')}
        description={
          isAdmin
            ? t('channels.descriptionAdmin')
            : t('channels.descriptionOthers')
        }
        // The empty state offers the same button; one is enough.
        actions={isAdmin && !isEmpty ? createButton : null}
      />
      <QueryState loadingLabel={t('channels.loading')} errorTitle={t('channels.loadFailed')} isPending={channels.isPending} error={channels.error} onRetry={() => void channels.refetch()}>
        {channels.data && channels.data.length > 0 ? (
          <Table
            narrow="stack"
            caption={t('channels.title')}
            columns={columns}
            rows={channels.data}
            rowKey={(channel) => channel.id}
            rowClassName={(channel) => (channel.active ? undefined : 'bt-table__row--muted')}
          />
        ) : isAdmin ? (
          <EmptyState icon="phone" title={t('channels.emptyAdminTitle')} action={createButton}>
            {t('channels.emptyAdmin')}
          </EmptyState>
        ) : (
          <EmptyState compact icon="phone" title={t('channels.emptyOthersTitle')}>
            {t('channels.emptyOthers')}
          </EmptyState>
        )}
      </QueryState>
      <ChannelFormDialog
        target={dialog?.kind === 'form' ? dialog.target : null}
        teams={teams.data ?? []}
        onCreated={(channel) => setDialog({ kind: 'created', channel })}
        onClose={() => setDialog(null)}
      />
      <ChannelCreatedDialog channel={dialog?.kind === 'created' ? dialog.channel : null} onClose={() => setDialog(null)} />
      <ChannelDetailsDialog
        channel={dialog?.kind === 'details' ? dialog.channel : null}
        teamName={dialog?.kind === 'details' ? teamsById.get(dialog.channel.teamId)?.name : undefined}
        formatPhone={formatPhone}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
