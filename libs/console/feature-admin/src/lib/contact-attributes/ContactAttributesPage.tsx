import { CONTACT_ATTRIBUTE_TYPE_LABELS, CONTACT_ATTRIBUTE_TYPES, type ContactAttributeView } from '@backtalk/contracts';
import { toFormErrors, useContactAttributes, useCreateContactAttribute, useDeleteContactAttribute, useToastActions, useUpdateContactAttribute } from '@backtalk/console/data-access';
import { Banner, Button, Dialog, DialogFooter, EmptyState, PageHeader, RowActions, SelectField, Table, TextAreaField, TextField, type TableColumn } from '@backtalk/console/ui';
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

const TYPE_OPTIONS = CONTACT_ATTRIBUTE_TYPES.map((type) => ({ value: type, label: CONTACT_ATTRIBUTE_TYPE_LABELS[type] }));

function AttributeForm({ attribute, others, onDone }: { attribute: ContactAttributeView | null; others: readonly ContactAttributeView[]; onDone: () => void }) {
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
              toastShown('success', `Attribute ${created.label} created.`);
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
              toastShown('success', `Attribute ${saved.label} saved.`);
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
        label="Label"
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
        hint="What agents see beside the value, e.g. Order ID."
      />
      <TextField
        label="Key"
        name="key"
        autoComplete="off"
        maxLength={40}
        className="bt-mono"
        value={values.key}
        disabled={attribute !== null}
        onChange={(event) => setValues((current) => ({ ...current, key: event.target.value, keyEdited: true }))}
        error={error('key')}
        hint={values.key ? `Canned answers write {{contact.${values.key}}}; filters attribute=${values.key}:…. It cannot change later.` : 'Lower-case letters, digits and _. It cannot change later.'}
      />
      <SelectField label="Type" value={values.type} options={TYPE_OPTIONS} disabled={attribute !== null} onChange={(type) => setField('type', type)} error={error('type')} hint={attribute ? 'The type stays as made, since contacts hold values of it.' : undefined} />
      {values.type === 'list' ? (
        <TextAreaField
          label="Choices"
          name="choices"
          rows={4}
          value={values.choices}
          onChange={(event) => setField('choices', event.target.value)}
          error={error('choices')}
          hint="One a line. A choice some contact has cannot be removed until theirs is changed."
        />
      ) : null}
      <DialogFooter>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {attribute ? 'Save' : 'Create attribute'}
        </Button>
      </DialogFooter>
    </form>
  );
}

type OpenDialog = { kind: 'form'; target: ContactAttributeView | 'new' } | { kind: 'delete'; attribute: ContactAttributeView };

/** Settings → Contact attributes: the details every contact may have, which admins define. */
export function ContactAttributesPage() {
  const attributes = useContactAttributes();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const remove = useDeleteContactAttribute();
  const editing = dialog?.kind === 'form' ? (dialog.target === 'new' ? null : dialog.target) : null;
  const deleting = dialog?.kind === 'delete' ? dialog.attribute : null;

  const columns: TableColumn<ContactAttributeView>[] = [
    { id: 'label', header: 'Label', cell: (attribute) => attribute.label },
    { id: 'key', header: 'Variable', secondary: true, cell: (attribute) => <code className="bt-mono">{`{{contact.${attribute.key}}}`}</code> },
    { id: 'type', header: 'Type', cell: (attribute) => CONTACT_ATTRIBUTE_TYPE_LABELS[attribute.type] },
    { id: 'choices', header: 'Choices', secondary: true, cell: (attribute) => (attribute.choices.length > 0 ? attribute.choices.join(', ') : <span className="bt-muted">—</span>) },
    {
      id: 'actions',
      header: <span className="bt-sr-only">Actions</span>,
      align: 'end',
      cell: (attribute) => (
        <RowActions>
          <Button size="sm" variant="ghost" aria-label={`Edit ${attribute.label}`} onClick={() => setDialog({ kind: 'form', target: attribute })}>
            Edit
          </Button>
          <Button size="sm" variant="ghost" aria-label={`Delete ${attribute.label}`} onClick={() => setDialog({ kind: 'delete', attribute })}>
            Delete
          </Button>
        </RowActions>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Contact attributes"
        description="Details every customer may have, such as an order number or a plan. Agents fill them in on the contact and in the inbox; every team sees the same values. Canned answers, contact filters and automation rules use them by key."
        actions={
          <Button variant="primary" icon="plus" onClick={() => setDialog({ kind: 'form', target: 'new' })}>
            Create attribute
          </Button>
        }
      />
      <QueryState what="contact attributes" isPending={attributes.isPending} error={attributes.error} onRetry={() => void attributes.refetch()}>
        {attributes.data && attributes.data.length > 0 ? (
          <Table caption="Contact attributes" columns={columns} rows={attributes.data} rowKey={(attribute) => attribute.id} />
        ) : (
          <EmptyState compact icon="user" title="No contact attributes yet">
            Create one such as “Order ID” (text), “Plan” (a list of choices) or “VIP” (yes / no).
          </EmptyState>
        )}
      </QueryState>
      <Dialog open={dialog?.kind === 'form'} onClose={() => setDialog(null)} title={editing ? `Edit ${editing.label}` : 'Create contact attribute'}>
        {dialog?.kind === 'form' ? <AttributeForm attribute={editing} others={(attributes.data ?? []).filter((other) => other.id !== editing?.id)} onDone={() => setDialog(null)} /> : null}
      </Dialog>
      <DeleteDialog
        item={deleting}
        title={`Delete ${deleting?.label ?? 'attribute'}?`}
        confirmLabel="Delete attribute"
        mutation={remove}
        deletedMessage={(attribute) => `Attribute ${attribute.label} deleted.`}
        onClose={() => setDialog(null)}
      >
        Every contact’s value of it is deleted too. Canned answers naming it leave it out, and rules testing it stop matching.
      </DeleteDialog>
    </>
  );
}
