import { API_KEY_SCOPES, type CreatedApiKeyResponse } from '@backtalk/contracts';
import { toFormErrors, useCreateApiKey } from '@backtalk/console/data-access';
import { Banner, Button, CheckboxGroup, CopyField, Dialog, DialogFooter, TextField } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import type { FormEvent } from 'react';
import { useFormState } from '../shared';
import { API_KEY_FORM_FIELDS, SCOPE_LABELS, toCreateApiKeyRequest, validateApiKeyForm, type ApiKeyFormValues } from './api-key-form';

function CreateApiKeyForm({ onCreated, onCancel }: { onCreated: (created: CreatedApiKeyResponse) => void; onCancel: () => void }) {
  const { t } = useTranslation('admin');
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
        label={t('apiKeys.form.name')}
        name="name"
        autoComplete="off"
        placeholder={t('apiKeys.form.namePlaceholder')}
        value={form.values.name}
        onChange={(e) => form.setField('name', e.target.value)}
        error={form.errors.name ?? server.fields['name']}
        hint={t('apiKeys.form.nameHint')}
      />
      <CheckboxGroup
        legend={t('apiKeys.form.permissions')}
        options={API_KEY_SCOPES.map((scope) => ({ value: scope, label: SCOPE_LABELS[scope].label, description: SCOPE_LABELS[scope].description }))}
        value={form.values.scopes}
        onChange={(scopes) => form.setField('scopes', scopes)}
        error={form.errors.scopes ?? server.fields['scopes']}
      />
      <DialogFooter>
        <Button onClick={onCancel}>{t('shared.cancel')}</Button>
        <Button type="submit" variant="primary" pending={create.isPending}>
          {t('apiKeys.create')}
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
  const { t } = useTranslation('admin');
  return (
    <Dialog open={open} onClose={onClose} title={t('apiKeys.create')} description={t('apiKeys.form.description')}>
      {open ? <CreateApiKeyForm onCreated={onCreated} onCancel={onClose} /> : null}
    </Dialog>
  );
}

function RevealedKey({ created, onDone }: { created: CreatedApiKeyResponse; onDone: () => void }) {
  const { t } = useTranslation('admin');
  return (
    <div className="bt-form">
      <Banner tone="warning" title={t('apiKeys.reveal.copyNow')}>
        {t('apiKeys.reveal.onlyOnce')}
      </Banner>
      <CopyField label={t('apiKeys.reveal.key')} value={created.key} copyLabel={t('apiKeys.reveal.copy')} autoFocusCopy />
      <DialogFooter>
        <Button variant="primary" onClick={onDone}>
          {t('shared.done')}
        </Button>
      </DialogFooter>
    </div>
  );
}

export function RevealApiKeyDialog({ created, onClose }: { created: CreatedApiKeyResponse | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  return (
    <Dialog open={created !== null} onClose={onClose} title={t('apiKeys.reveal.title', { name: created?.apiKey.name ?? '' })}>
      {created ? <RevealedKey created={created} onDone={onClose} /> : null}
    </Dialog>
  );
}
