import { MacroStepType, Role, type ConversationPriority, type MacroView, type TeamView } from '@backtalk/contracts';
import { describeError, useCannedAnswers, useCreateMacro, useLabels, useSignedInUser, useToastActions, useUpdateMacro, useUsers } from '@backtalk/console/data-access';
import { Banner, Button, Dialog, DialogFooter, PRIORITIES_BY_URGENCY, PRIORITY_LABELS, SelectField, TextAreaField, TextField } from '@backtalk/console/ui';
import { useState, type FormEvent } from 'react';
import { emptyMacroForm, hasProblems, macroFormFrom, macroFormProblems, newStep, STEP_TYPE_LABELS, toCreateMacroRequest, type MacroForm, type MacroStepForm } from './macro-form';

const STEP_TYPES = Object.values(MacroStepType).map((type) => ({ value: type, label: STEP_TYPE_LABELS[type] }));

/** The parameter of one step: which answer, label, person, priority, note or how long. */
function StepParameter({ step, index, onChange }: { step: MacroStepForm; index: number; onChange: (changes: Partial<MacroStepForm>) => void }) {
  const { data: answers = [] } = useCannedAnswers();
  const { data: labels = [] } = useLabels();
  const { data: users = [] } = useUsers();
  const name = `Step ${index + 1}`;
  switch (step.type) {
    case MacroStepType.SendCannedAnswer:
      return (
        <SelectField
          label={`${name}: canned answer`}
          hideLabel
          value={step.cannedAnswerId}
          onChange={(cannedAnswerId: string) => onChange({ cannedAnswerId })}
          options={[{ value: '', label: 'Choose an answer…' }, ...answers.map((answer) => ({ value: answer.id, label: `${answer.title} (/${answer.shortcode})` }))]}
        />
      );
    case MacroStepType.AddLabel:
      return (
        <SelectField
          label={`${name}: label`}
          hideLabel
          value={step.labelId}
          onChange={(labelId: string) => onChange({ labelId })}
          options={[{ value: '', label: 'Choose a label…' }, ...labels.map((label) => ({ value: label.id, label: label.name }))]}
        />
      );
    case MacroStepType.Assign:
      return (
        <SelectField
          label={`${name}: assignee`}
          hideLabel
          value={step.assigneeId}
          onChange={(assigneeId: string) => onChange({ assigneeId })}
          options={[
            { value: 'me', label: 'Whoever runs the macro' },
            { value: '', label: 'Nobody: back to the queue' },
            ...users.filter((user) => user.active).map((user) => ({ value: user.id, label: user.name })),
          ]}
        />
      );
    case MacroStepType.SetPriority:
      return (
        <SelectField
          label={`${name}: priority`}
          hideLabel
          value={step.priority}
          onChange={(priority: ConversationPriority) => onChange({ priority })}
          options={PRIORITIES_BY_URGENCY.map((priority) => ({ value: priority, label: PRIORITY_LABELS[priority] }))}
        />
      );
    case MacroStepType.AddNote:
      return <TextAreaField label={`${name}: note`} hideLabel rows={2} placeholder="The private note" value={step.body} onChange={(event) => onChange({ body: event.target.value })} />;
    case MacroStepType.Snooze:
      return (
        <TextField
          label={`${name}: minutes`}
          hideLabel
          inputMode="numeric"
          placeholder="Minutes (empty: until the customer writes)"
          value={step.minutes}
          onChange={(event) => onChange({ minutes: event.target.value })}
        />
      );
    case MacroStepType.Resolve:
      return <span className="bt-muted bt-macro-step__none">Nothing to choose</span>;
  }
}

interface MacroFormProps {
  macro: MacroView | null;
  /** The teams the person may share a macro with; empty for agents, who keep personal macros only. */
  teams: readonly TeamView[];
  onDone: () => void;
}

function MacroFormBody({ macro, teams, onDone }: MacroFormProps) {
  const me = useSignedInUser();
  const canShare = me.role !== Role.Agent;
  const [form, setForm] = useState<MacroForm>(() => (macro ? macroFormFrom(macro) : emptyMacroForm(canShare ? 'shared' : 'personal')));
  const [checked, setChecked] = useState(false);
  const create = useCreateMacro();
  const update = useUpdateMacro();
  const { toastShown } = useToastActions();
  const mutation = macro ? update : create;
  const problems = macroFormProblems(form);
  const shown = checked ? problems : { steps: {} as Record<string, string> };

  const setStep = (key: string, changes: Partial<MacroStepForm>) => setForm((current) => ({ ...current, steps: current.steps.map((step) => (step.key === key ? { ...step, ...changes } : step)) }));
  const moveStep = (index: number, by: -1 | 1) =>
    setForm((current) => {
      const steps = [...current.steps];
      [steps[index], steps[index + by]] = [steps[index + by], steps[index]];
      return { ...current, steps };
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (hasProblems(problems)) return;
    const request = toCreateMacroRequest(form);
    const saved = (result: MacroView) => {
      toastShown('success', `Macro ${result.name} ${macro ? 'saved' : 'created'}.`);
      onDone();
    };
    if (macro) update.mutate({ id: macro.id, changes: { name: request.name, steps: request.steps } }, { onSuccess: saved });
    else create.mutate(request, { onSuccess: saved });
  };

  const scopeOptions = [
    { value: 'personal', label: 'Only me' },
    ...(me.role === Role.Admin ? [{ value: 'shared:', label: 'Every team' }] : []),
    ...teams.map((team) => ({ value: `shared:${team.id}`, label: team.name })),
  ];
  return (
    <form className="bt-form bt-macro-form" onSubmit={submit} noValidate>
      {mutation.error ? <Banner tone="danger">{describeError(mutation.error)}</Banner> : null}
      {shown.form ? <Banner tone="danger">{shown.form}</Banner> : null}
      <TextField label="Name" name="name" autoComplete="off" maxLength={60} value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} error={shown.name} />
      {macro || !canShare ? null : (
        <SelectField
          label="Who can run it"
          value={form.visibility === 'personal' ? 'personal' : `shared:${form.teamId}`}
          onChange={(value: string) => setForm({ ...form, visibility: value === 'personal' ? 'personal' : 'shared', teamId: value.startsWith('shared:') ? value.slice('shared:'.length) : '' })}
          options={scopeOptions}
          hint="A team’s macro runs on that team’s conversations; yours only you see."
        />
      )}
      <fieldset className="bt-macro-steps">
        <legend>Steps, in order</legend>
        <ol className="bt-macro-steps__list">
          {form.steps.map((step, index) => (
            <li key={step.key} className="bt-macro-step">
              <div className="bt-macro-step__row">
                <SelectField
                  label={`Step ${index + 1}`}
                  hideLabel
                  value={step.type}
                  onChange={(type: MacroStepType) => setStep(step.key, { type })}
                  options={STEP_TYPES}
                  className="bt-macro-step__type"
                />
                <span className="bt-macro-step__tools">
                  <Button size="sm" variant="ghost" icon="chevron-down" className="bt-macro-step__up" aria-label={`Move step ${index + 1} up`} disabled={index === 0} onClick={() => moveStep(index, -1)} />
                  <Button size="sm" variant="ghost" icon="chevron-down" aria-label={`Move step ${index + 1} down`} disabled={index === form.steps.length - 1} onClick={() => moveStep(index, 1)} />
                  <Button size="sm" variant="ghost" icon="trash" aria-label={`Remove step ${index + 1}`} disabled={form.steps.length === 1} onClick={() => setForm({ ...form, steps: form.steps.filter((other) => other.key !== step.key) })} />
                </span>
                <div className="bt-macro-step__parameter">
                  <StepParameter step={step} index={index} onChange={(changes) => setStep(step.key, changes)} />
                </div>
              </div>
              {shown.steps[step.key] ? <p className="bt-field__error">{shown.steps[step.key]}</p> : null}
            </li>
          ))}
        </ol>
        <Button size="sm" icon="plus" disabled={form.steps.length >= 10} onClick={() => setForm({ ...form, steps: [...form.steps, newStep(MacroStepType.AddNote)] })}>
          Add a step
        </Button>
      </fieldset>
      <DialogFooter>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {macro ? 'Save' : 'Create macro'}
        </Button>
      </DialogFooter>
    </form>
  );
}

export interface MacroFormDialogProps {
  target: MacroView | 'new' | null;
  teams: readonly TeamView[];
  onClose: () => void;
}

export function MacroFormDialog({ target, teams, onClose }: MacroFormDialogProps) {
  const macro = target === 'new' ? null : target;
  return (
    <Dialog open={target !== null} onClose={onClose} title={macro ? `Edit ${macro.name}` : 'Create macro'}>
      {target !== null ? <MacroFormBody macro={macro} teams={teams} onDone={onClose} /> : null}
    </Dialog>
  );
}
