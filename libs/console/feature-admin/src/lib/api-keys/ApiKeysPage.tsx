import type { ApiKeyView, CreatedApiKeyResponse } from '@backtalk/contracts';
import { useApiKeys, useRevokeApiKey } from '@backtalk/console/data-access';
import { Badge, Button, EmptyState, formatDateTime, PageHeader, RowActions, Table, type TableColumn } from '@backtalk/console/ui';
import { useState } from 'react';
import { DeleteDialog, QueryState } from '../shared';
import { SCOPE_LABELS } from './api-key-form';
import { CreateApiKeyDialog, RevealApiKeyDialog } from './ApiKeyDialogs';

type OpenDialog = { kind: 'create' } | { kind: 'reveal'; created: CreatedApiKeyResponse } | { kind: 'revoke'; key: ApiKeyView };

export function ApiKeysPage() {
  const keys = useApiKeys();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const revoke = useRevokeApiKey();
  const revoking = dialog?.kind === 'revoke' ? dialog.key : null;

  const columns: TableColumn<ApiKeyView>[] = [
    { id: 'name', header: 'Name', cell: (key) => <span className="bt-table__primary">{key.name}</span> },
    { id: 'prefix', header: 'Key', cell: (key) => <code>{key.prefix}…</code> },
    {
      id: 'scopes',
      header: 'Permissions',
      secondary: true,
      cell: (key) => key.scopes.map((scope) => SCOPE_LABELS[scope]?.label ?? scope).join(', '),
    },
    { id: 'created', header: 'Created', secondary: true, cell: (key) => formatDateTime(key.createdAt) },
    { id: 'used', header: 'Last used', cell: (key) => formatDateTime(key.lastUsedAt, 'Never') },
    {
      id: 'status',
      header: 'Status',
      cell: (key) => (key.revokedAt ? <Badge tone="danger">Revoked</Badge> : <Badge tone="success">Active</Badge>),
    },
    {
      id: 'actions',
      header: <span className="bt-sr-only">Actions</span>,
      align: 'end',
      cell: (key) =>
        key.revokedAt ? null : (
          <RowActions>
            <Button size="sm" variant="ghost" aria-label={`Revoke ${key.name}`} onClick={() => setDialog({ kind: 'revoke', key })}>
              Revoke
            </Button>
          </RowActions>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let your other systems send and read messages through the Backtalk API."
        actions={
          <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'create' })}>
            Create API key
          </Button>
        }
      />
      <QueryState what="API keys" isPending={keys.isPending} error={keys.error} onRetry={() => void keys.refetch()}>
        {keys.data && keys.data.length > 0 ? (
          <Table
            caption="API keys"
            columns={columns}
            rows={keys.data}
            rowKey={(key) => key.id}
            rowClassName={(key) => (key.revokedAt ? 'bt-table__row--muted' : undefined)}
          />
        ) : (
          <EmptyState compact icon="key" title="No keys yet">
            Create one when another system, such as your shop or CRM, needs to send texts through Backtalk.
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
        title={`Revoke ${revoking?.name ?? 'key'}?`}
        confirmLabel="Revoke key"
        mutation={revoke}
        deletedMessage={(apiKey) => `API key ${apiKey.name} revoked.`}
        onClose={() => setDialog(null)}
      >
        Requests that use this key will be refused from now on. This can't be undone.
      </DeleteDialog>
    </>
  );
}
