import { CONTACT_ATTRIBUTE_TYPES, type ContactAttributeView } from '@backtalk/contracts';
import { toFormErrors, useContactAttributes, useCreateContactAttribute, useDeleteContactAttribute, useToastActions, useUpdateContactAttribute } from '@backtalk/console/data-access';
import { Banner, Button, Dialog, DialogFooter, EmptyState, PageHeader, RowActions, SelectField, Table, TextAreaField, TextField, type TableColumn } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import { useState, type FormEvent } from 'react';
import { DeleteDialog, QueryState, useFormState } from '../shared';
import {
  CONTACT_ATTRIBUTE_FORM_FIELDS,
  contactAttributeFormFrom,
  type ContactAttributeForm,
  type ContactAttributeFormErrors,
  emptyContactAttributeForm,
  keyFromLabel,
  toCreateContactAttributeRequest,
  toUpdateContactAttributeRequest,
  validateContactAttributeForm,
} from './contact-attribute-form';

function AttributeForm({ attribute, others, onDone }: { attribute: ContactAttributeView | null; others: readonly ContactAttributeView[]; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const form = useFormState<ContactAttributeForm, keyof ContactAttributeFormErrors>(() => (attribute ? contactAttributeFormFrom(attribute) : emptyContactAttributeForm()));
  const create = useCreateContactAttribute();
  const update = useUpdateContactAttribute();
  const { toastShown } = useToastActions();
  const mutation = attribute ? update : create;
  const server = toFormErrors(mutation.error, CONTACT_ATTRIBUTE_FORM_FIELDS);
  const error = (field: keyof ContactAttributeFormErrors) => form.errors[field] ?? server.fields[field];
  const { values, setField, setValues } = form;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submitWith(
      (current) => validateContactAttributeForm(current, others, !attribute),
      (current) => {
        if (!attribute) {
          create.mutate(toCreateContactAttributeRequest(current), {
            onSuccess: (created) => {
              toastShown('success', t('contactAttributes.form.created', { label: created.label }));
              onDone();
            },
          });
          return;
        }
        const changes = toUpdateContactAttributeRequest(attribute, current);
        if (Object.keys(changes).length === 0) return onDone();
        update.mutate(
          { id: attribute.id, changes },
          {
            onSuccess: (saved) => {
              toastShown('success', t('contactAttributes.form.saved', { label: saved.label }));
              onDone();
            },
          },
        );
      },
    );
  };

  return (
    <form className="bt-form" onSubmit={submit} noValidate>
      {server.form ? <Banner tone="danger">{server.form}</Banner> : null}
      <TextField
        label={t('contactAttributes.form.label')}
        name="label"
        autoComplete="off"
        maxLength={80}
        value={values.label}
        onChange={(event) => {
          const label = event.target.value;
          // Until someone types a key, it follows the label.
          setValues((current) => ({ ...current, label, key: current.keyEdited || attribute ? current.key : keyFromLabel(label) }));
          form.clearError('label');
        }}
        error={error('label')}
        hint={t('contactAttributes.form.labelHint')}
      />
      <TextField
        label={t('contactAttributes.form.key')}
        name="key"
        autoComplete="off"
        maxLength={40}
        className="bt-mono"
        value={values.key}
        disabled={attribute !== null}
        onChange={(event) => setValues((current) => ({ ...current, key: event.target.value, keyEdited: true }))}
        error={error('key')}
        hint={
          values.key
            ? t('contactAttributes.form.keyHint', { variable: `{{contact.${values.key}}}`, filter: `attribute=${values.key}:…` })
            : t('contactAttributes.form.keyHintEmpty')
        }
      />
      <SelectField
        label={t('contactAttributes.form.type')}
        value={values.type}
        options={CONTACT_ATTRIBUTE_TYPES.map((type) => ({ value: type, label: t(`contactAttributes.types.${type}`) }))} disabled={attribute !== null} onChange={(type) => setField('type', type)} error={error('type')} hint={attribute ? t('contactAttributes.form.typeFixed') : undefined}
      />
      {values.type === 'list' ? (
        <TextAreaField
          label={t('contactAttributes.form.choices')}
          name="choices"
          rows={4}
          value={values.choices}
          onChange={(event) => setField('choices', event.target.value)}
          error={error('choices')}
          hint={t('contactAttributes.form.choicesHint')}
        />
      ) : null}
      <DialogFooter>
        <Button onClick={onDone}>{t('shared.cancel')}</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {attribute ? t('shared.save') : t('contactAttributes.create')}
        </Button>
      </DialogFooter>
    </form>
  );
}

type OpenDialog = { kind: 'form'; target: ContactAttributeView | 'new' } | { kind: 'delete'; attribute: ContactAttributeView };

/** Settings → Contact attributes: the details every contact may have, which admins define. */
export function ContactAttributesPage() {
  const { t } = useTranslation('admin');
  const attributes = useContactAttributes();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const remove = useDeleteContactAttribute();
  const editing = dialog?.kind === 'form' ? (dialog.target === 'new' ? null : dialog.target) : null;
  const deleting = dialog?.kind === 'delete' ? dialog.attribute : null;

  const columns: TableColumn<ContactAttributeView>[] = [
    { id: 'label', header: t('contactAttributes.columns.label'), cell: (attribute) => <span translate="no">{attribute.label}</span> },
    { id: 'key', header: t('contactAttributes.columns.variable'), secondary: true, cell: (attribute) => <code className="bt-mono">{`{{contact.${attribute.key}}}`}</code> },
    { id: 'type', header: t('contactAttributes.columns.type'), cell: (attribute) => t(`contactAttributes.types.${attribute.type}`) },
    { id: 'choices', header: t('contactAttributes.columns.choices'), secondary: true, cell: (attribute) => (attribute.choices.length > 0 ? <span translate="no">{attribute.choices.join(', ')}</span> : <span className="bt-muted">—</span>) },
    {
      id: 'actions',
      header: <span className="bt-sr-only">{t('shared.actions')}</span>,
      align: 'end',
      cell: (attribute) => (
        <RowActions>
          <Button size="sm" variant="ghost" aria-label={t('shared.editNamed', { name: attribute.label })} onClick={() => setDialog({ kind: 'form', target: attribute })}>
            {t('shared.edit')}
          </Button>
          <Button size="sm" variant="ghost" aria-label={t('shared.deleteNamed', { name: attribute.label })} onClick={() => setDialog({ kind: 'delete', attribute })}>
            {t('shared.delete')}
          </Button>
        </RowActions>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('contactAttributes.title')}
        description={t('contactAttributes.description')}
        actions={
          <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'form', target: 'new' })}>
            {t('contactAttributes.create')}
          </Button>
        }
      />
      <QueryState loadingLabel={t('contactAttributes.loading')} errorTitle={t('contactAttributes.loadFailed')} isPending={attributes.isPending} error={attributes.error} onRetry={() => void attributes.refetch()}>
        {attributes.data && attributes.data.length > 0 ? (
          <Table narrow="stack" caption={t('contactAttributes.title')} columns={columns} rows={attributes.data} rowKey={(attribute) => attribute.id} />
        ) : (
          <EmptyState compact icon="user" title={t('contactAttributes.emptyTitle')}>
            {t('contactAttributes.empty')}
          </EmptyState>
        )}
      </QueryState>
      <Dialog open={dialog?.kind === 'form'} onClose={() => setDialog(null)} title={editing ? t('shared.editNamed', { name: editing.label }) : t('contactAttributes.createDialog')}>
        {dialog?.kind === 'form' ? <AttributeForm attribute={editing} others={(attributes.data ?? []).filter((other) => other.id !== editing?.id)} onDone={() => setDialog(null)} /> : null}
      </Dialog>
      <DeleteDialog
        item={deleting}
        title={t('contactAttributes.delete.title', { label: deleting?.label ?? '' })}
        confirmLabel={t('contactAttributes.delete.confirm')}
        mutation={remove}
        deletedMessage={(attribute) => t('contactAttributes.delete.done', { label: attribute.label })}
        onClose={() => setDialog(null)}
      >
        {t('contactAttributes.delete.body')}
      </DeleteDialog>
    </>
  );
}
