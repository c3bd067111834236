import { API_KEY_SCOPES, type CreatedApiKeyResponse } from '@backtalk/contracts';
import { toFormErrors, useCreateApiKey } from '@backtalk/console/data-access';
import { Banner, Button, CheckboxGroup, CopyField, Dialog, DialogFooter, TextField } from '@backtalk/console/ui';
import type { FormEvent } from 'react';
import { useFormState } from '../shared';
import { API_KEY_FORM_FIELDS, SCOPE_LABELS, toCreateApiKeyRequest, validateApiKeyForm, type ApiKeyFormValues } from './api-key-form';

const SCOPE_OPTIONS = API_KEY_SCOPES.map((scope) => ({ value: scope, ...SCOPE_LABELS[scope] }));

function CreateApiKeyForm({ onCreated, onCancel }: { onCreated: (created: CreatedApiKeyResponse) => void; onCancel: () => void }) {
  const form = useFormState<ApiKeyFormValues>(() => ({ name: '', scopes: [...API_KEY_SCOPES] }));
  const create = useCreateApiKey();
  const server = toFormErrors(create.error, API_KEY_FORM_FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submitWith(validateApiKeyForm, (values) => create.mutate(toCreateApiKeyRequest(values), { onSuccess: onCreated }));
  };

  return (
    <form className="bt-form" onSubmit={submit} noValidate>
      {server.form ? <Banner tone="danger">{server.form}</Banner> : null}
      <TextField
        label="Name"
        name="name"
        autoComplete="off"
        placeholder="e.g. Order notifications"
        value={form.values.name}
        onChange={(e) => form.setField('name', e.target.value)}
        error={form.errors.name ?? server.fields['name']}
        hint="Name it after the system that will use it, so you know what breaks if you revoke it."
      />
      <CheckboxGroup
        legend="Permissions"
        options={SCOPE_OPTIONS}
        value={form.values.scopes}
        onChange={(scopes) => form.setField('scopes', scopes)}
        error={form.errors.scopes ?? server.fields['scopes']}
      />
      <DialogFooter>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending}>
          Create API key
        </Button>
      </DialogFooter>
    </form>
  );
}

export function CreateApiKeyDialog({
  open,
  onCreated,
  onClose,
}: {
  open: boolean;
  onCreated: (created: CreatedApiKeyResponse) => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title="Create API key" description="Lets another system send or read messages as your workspace.">
      {open ? <CreateApiKeyForm onCreated={onCreated} onCancel={onClose} /> : null}
    </Dialog>
  );
}

function RevealedKey({ created, onDone }: { created: CreatedApiKeyResponse; onDone: () => void }) {
  return (
    <div className="bt-form">
      <Banner tone="warning" title="Copy this key now.">
        It is shown only once: Backtalk stores only a fingerprint of it. If you lose it, revoke it and create a new one.
      </Banner>
      <CopyField label="API key" value={created.key} copyLabel="Copy key" autoFocusCopy />
      <DialogFooter>
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </DialogFooter>
    </div>
  );
}

export function RevealApiKeyDialog({ created, onClose }: { created: CreatedApiKeyResponse | null; onClose: () => void }) {
  return (
    <Dialog open={created !== null} onClose={onClose} title={`Key “${created?.apiKey.name ?? ''}” created`}>
      {created ? <RevealedKey created={created} onDone={onClose} /> : null}
    </Dialog>
  );
}
