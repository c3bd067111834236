import { Role, type LabelView, type TeamView } from '@backtalk/contracts';
import { toFormErrors, useCreateLabel, useSignedInUser, useToastActions, useUpdateLabel } from '@backtalk/console/data-access';
import { useFormState } from '@backtalk/console/feature-admin';
import { Banner, Button, Dialog, DialogFooter, SelectField, TextAreaField, TextField } from '@backtalk/console/ui';
import type { FormEvent } from 'react';
import { LABEL_COLOR_OPTIONS } from './label-colors';
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
  const scopeOptions = [...(isAdmin ? [{ value: '', label: 'Every team' }] : []), ...teams.map((team) => ({ value: team.id, label: team.name }))];
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
              toastShown('success', `Label ${created.name} created.`);
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
              toastShown('success', `Label ${saved.name} saved.`);
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
      <TextField label="Name" name="name" autoComplete="off" maxLength={60} value={values.name} onChange={(event) => setField('name', event.target.value)} error={error('name')} />
      <fieldset className="bt-label-colors">
        <legend>Color</legend>
        {LABEL_COLOR_OPTIONS.map((option) => (
          <label key={option.value} className="bt-label-colors__option">
            <input type="radio" name="color" value={option.value} checked={values.color === option.value} onChange={() => setField('color', option.value)} />
            <LabelChip label={{ name: option.label, color: option.value, description: null }} />
          </label>
        ))}
      </fieldset>
      <TextAreaField
        label="Description"
        name="description"
        rows={2}
        value={values.description}
        onChange={(event) => setField('description', event.target.value)}
        error={error('description')}
        hint="Optional. When to use it; agents see it when they point at the label."
      />
      {label ? null : (
        <SelectField
          label="Used by"
          value={teamId}
          onChange={(chosen: string) => setField('teamId', chosen)}
          options={scopeOptions}
          error={error('teamId')}
          hint={isAdmin ? 'A label for every team can go on any conversation; a team’s label only on that team’s.' : 'You manage the labels of the teams you supervise.'}
        />
      )}
      <p className="bt-label-preview">
        Preview <LabelChip label={{ name: values.name.trim() || 'Label', color: values.color, description: null }} />
      </p>
      <DialogFooter>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {label ? 'Save' : 'Create label'}
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
  const label = target === 'new' ? null : target;
  return (
    <Dialog open={target !== null} onClose={onClose} title={label ? `Edit ${label.name}` : 'Create label'}>
      {target !== null ? <LabelForm label={label} teams={teams} labels={labels} onDone={onClose} /> : null}
    </Dialog>
  );
}
