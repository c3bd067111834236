import { Role, type LabelView, type TeamView } from '@backtalk/contracts';
import { toFormErrors, useCreateLabel, useSignedInUser, useToastActions, useUpdateLabel } from '@backtalk/console/data-access';
import { useFormState } from '@backtalk/console/feature-admin';
import { useTranslation } from '@backtalk/console/i18n';
import { Banner, Button, Dialog, DialogFooter, SelectField, TextAreaField, TextField } from '@backtalk/console/ui';
import type { FormEvent } from 'react';
import { labelColorOptions } from './label-colors';
import { emptyLabelForm, LABEL_FORM_FIELDS, labelFormFrom, toCreateLabelRequest, toUpdateLabelRequest, validateLabelForm } from './label-form';
import { LabelChip } from './LabelChip';

interface LabelFormProps {
  label: LabelView | null;
  /** The teams whose labels the person manages. */
  teams: readonly TeamView[];
  labels: readonly LabelView[];
  onDone: () => void;
}

function LabelForm({ label, teams, labels, onDone }: LabelFormProps) {
  const { t } = useTranslation('labels');
  const me = useSignedInUser();
  const isAdmin = me.role === Role.Admin;
  const form = useFormState(() => (label ? labelFormFrom(label) : emptyLabelForm(isAdmin ? '' : (teams[0]?.id ?? ''))));
  const create = useCreateLabel();
  const update = useUpdateLabel();
  const { toastShown } = useToastActions();
  const mutation = label ? update : create;
  const server = toFormErrors(mutation.error, LABEL_FORM_FIELDS);
  const error = (field: (typeof LABEL_FORM_FIELDS)[number]) => form.errors[field] ?? server.fields[field];
  const { values, setField } = form;
  const scopeOptions = [...(isAdmin ? [{ value: '', label: t('page.everyTeam') }] : []), ...teams.map((team) => ({ value: team.id, label: team.name, isData: true }))];
  // A label keeps its scope. For a new one the teams may arrive after the form opened: until one is picked, the scope is
  // the first the person may manage, which is also what the select shows.
  const teamId = label || scopeOptions.some((option) => option.value === values.teamId) ? values.teamId : (scopeOptions[0]?.value ?? values.teamId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submitWith(
      (current) => validateLabelForm({ ...current, teamId }, labels.filter((other) => other.id !== label?.id)),
      (current) => {
        if (!label) {
          create.mutate(toCreateLabelRequest({ ...current, teamId }), {
            onSuccess: (created) => {
              toastShown('success', t('form.created', { name: created.name }));
              onDone();
            },
          });
          return;
        }
        const changes = toUpdateLabelRequest(label, current);
        if (Object.keys(changes).length === 0) return onDone();
        update.mutate(
          { id: label.id, changes },
          {
            onSuccess: (saved) => {
              toastShown('success', t('form.saved', { name: saved.name }));
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
      <TextField label={t('form.name')} name="name" autoComplete="off" maxLength={60} value={values.name} onChange={(event) => setField('name', event.target.value)} error={error('name')} />
      <fieldset className="bt-label-colors">
        <legend>{t('form.color')}</legend>
        {labelColorOptions().map((option) => (
          <label key={option.value} className="bt-label-colors__option">
            <input type="radio" name="color" value={option.value} checked={values.color === option.value} onChange={() => setField('color', option.value)} />
            <LabelChip label={{ name: option.label, color: option.value, description: null }} />
          </label>
        ))}
      </fieldset>
      <TextAreaField
        label={t('form.description')}
        name="description"
        rows={2}
        value={values.description}
        onChange={(event) => setField('description', event.target.value)}
        error={error('description')}
        hint={t('form.descriptionHint')}
      />
      {label ? null : (
        <SelectField
          label={t('form.scope')}
          value={teamId}
          onChange={(chosen: string) => setField('teamId', chosen)}
          options={scopeOptions}
          error={error('teamId')}
          hint={isAdmin ? t('form.scopeHintAdmin') : t('form.scopeHintSupervisor')}
        />
      )}
      <p className="bt-label-preview">
        {t('form.preview')} <LabelChip label={{ name: values.name.trim() || t('form.previewPlaceholder'), color: values.color, description: null }} />
      </p>
      <DialogFooter>
        <Button onClick={onDone}>{t('form.cancel')}</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {label ? t('form.save') : t('form.create')}
        </Button>
      </DialogFooter>
    </form>
  );
}

export interface LabelFormDialogProps {
  target: LabelView | 'new' | null;
  teams: readonly TeamView[];
  labels: readonly LabelView[];
  onClose: () => void;
}

export function LabelFormDialog({ target, teams, labels, onClose }: LabelFormDialogProps) {
  const { t } = useTranslation('labels');
  const label = target === 'new' ? null : target;
  return (
    <Dialog open={target !== null} onClose={onClose} title={label ? t('form.editTitle', { name: label.name }) : t('form.createTitle')}>
      {target !== null ? <LabelForm label={label} teams={teams} labels={labels} onDone={onClose} /> : null}
    </Dialog>
  );
}
