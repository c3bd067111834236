import type { ApiKeyView, CreatedApiKeyResponse } from '@backtalk/contracts';
import { useApiKeys, useRevokeApiKey } from '@backtalk/console/data-access';
import { Badge, Button, EmptyState, formatDateTime, PageHeader, RowActions, Table, type TableColumn } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import { useState } from 'react';
import { DeleteDialog, QueryState } from '../shared';
import { SCOPE_LABELS } from './api-key-form';
import { CreateApiKeyDialog, RevealApiKeyDialog } from './ApiKeyDialogs';

type OpenDialog = { kind: 'create' } | { kind: 'reveal'; created: CreatedApiKeyResponse } | { kind: 'revoke'; key: ApiKeyView };

export function ApiKeysPage() {
  const { t } = useTranslation('admin');
  const keys = useApiKeys();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const revoke = useRevokeApiKey();
  const revoking = dialog?.kind === 'revoke' ? dialog.key : null;

  const columns: TableColumn<ApiKeyView>[] = [
    { id: 'name', header: t('apiKeys.columns.name'), cell: (key) => <span translate="no" className="bt-table__primary">{key.name}</span> },
    { id: 'prefix', header: t('apiKeys.columns.key'), cell: (key) => <code>{key.prefix}…</code> },
    {
      id: 'scopes',
      header: t('apiKeys.columns.permissions'),
      secondary: true,
      cell: (key) => key.scopes.map((scope) => SCOPE_LABELS[scope]?.label ?? scope).join(', '),
    },
    { id: 'created', header: t('apiKeys.columns.created'), secondary: true, cell: (key) => formatDateTime(key.createdAt) },
    { id: 'used', header: t('apiKeys.columns.lastUsed'), cell: (key) => formatDateTime(key.lastUsedAt, t('apiKeys.neverUsed')) },
    {
      id: 'status',
      header: t('apiKeys.columns.status'),
      cell: (key) => (key.revokedAt ? <Badge tone="danger">{t('apiKeys.revoked')}</Badge> : <Badge tone="success">{t('shared.active')}</Badge>),
    },
    {
      id: 'actions',
      header: <span className="bt-sr-only">{t('shared.actions')}</span>,
      align: 'end',
      cell: (key) =>
        key.revokedAt ? null : (
          <RowActions>
            <Button size="sm" variant="ghost" aria-label={t('apiKeys.revokeNamed', { name: key.name })} onClick={() => setDialog({ kind: 'revoke', key })}>
              {t('apiKeys.revoke')}
            </Button>
          </RowActions>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        actions={
          <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'create' })}>
            {t('apiKeys.create')}
          </Button>
        }
      />
      <QueryState loadingLabel={t('apiKeys.loading')} errorTitle={t('apiKeys.loadFailed')} isPending={keys.isPending} error={keys.error} onRetry={() => void keys.refetch()}>
        {keys.data && keys.data.length > 0 ? (
          <Table
            narrow="stack"
            caption={t('apiKeys.title')}
            columns={columns}
            rows={keys.data}
            rowKey={(key) => key.id}
            rowClassName={(key) => (key.revokedAt ? 'bt-table__row--muted' : undefined)}
          />
        ) : (
          <EmptyState compact icon="key" title={t('apiKeys.emptyTitle')}>
            {t('apiKeys.empty')}
          </EmptyState>
        )}
      </QueryState>
      <CreateApiKeyDialog
        open={dialog?.kind === 'create'}
        onClose={() => setDialog(null)}
        onCreated={(created) => setDialog({ kind: 'reveal', created })}
      />
      <RevealApiKeyDialog created={dialog?.kind === 'reveal' ? dialog.created : null} onClose={() => setDialog(null)} />
      <DeleteDialog
        item={revoking}
        title={t('apiKeys.revokeDialog.title', { name: revoking?.name ?? '' })}
        confirmLabel={t('apiKeys.revokeDialog.confirm')}
        mutation={revoke}
        deletedMessage={(apiKey) => t('apiKeys.revokeDialog.done', { name: apiKey.name })}
        onClose={() => setDialog(null)}
      >
        {t('apiKeys.revokeDialog.body')}
      </DeleteDialog>
    </>
  );
}
