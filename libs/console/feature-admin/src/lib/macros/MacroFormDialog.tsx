import { MacroStepType, Role, type ConversationPriority, type MacroView, type TeamView } from '@backtalk/contracts';
import { describeError, useCannedAnswers, useCreateMacro, useLabels, useSignedInUser, useToastActions, useUpdateMacro, useUsers } from '@backtalk/console/data-access';
import { Banner, Button, Dialog, DialogFooter, PRIORITIES_BY_URGENCY, PRIORITY_LABELS, SelectField, TextAreaField, TextField } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import { useState, type FormEvent } from 'react';
import { emptyMacroForm, hasProblems, macroFormFrom, macroFormProblems, newStep, STEP_TYPE_LABELS, toCreateMacroRequest, type MacroForm, type MacroStepForm } from './macro-form';

/** The parameter of one step: which answer, label, person, priority, note or how long. */
function StepParameter({ step, index, onChange }: { step: MacroStepForm; index: number; onChange: (changes: Partial<MacroStepForm>) => void }) {
  const { t } = useTranslation('admin');
  const { data: answers = [] } = useCannedAnswers();
  const { data: labels = [] } = useLabels();
  const { data: users = [] } = useUsers();
  const stepNumber = index + 1;
  switch (step.type) {
    case MacroStepType.SendCannedAnswer:
      return (
        <SelectField
          label={t('macros.form.parameter.answer', { step: stepNumber })}
          hideLabel
          value={step.cannedAnswerId}
          onChange={(cannedAnswerId: string) => onChange({ cannedAnswerId })}
          options={[{ value: '', label: t('macros.form.chooseAnswer') }, ...answers.map((answer) => ({ value: answer.id, label: `${answer.title} (/${answer.shortcode})` }))]}
        />
      );
    case MacroStepType.AddLabel:
      return (
        <SelectField
          label={t('macros.form.parameter.label', { step: stepNumber })}
          hideLabel
          value={step.labelId}
          onChange={(labelId: string) => onChange({ labelId })}
          options={[{ value: '', label: t('macros.form.chooseLabel') }, ...labels.map((label) => ({ value: label.id, label: label.name }))]}
        />
      );
    case MacroStepType.Assign:
      return (
        <SelectField
          label={t('macros.form.parameter.assignee', { step: stepNumber })}
          hideLabel
          value={step.assigneeId}
          onChange={(assigneeId: string) => onChange({ assigneeId })}
          options={[
            { value: 'me', label: t('macros.form.assignRunner') },
            { value: '', label: t('macros.form.assignNobody') },
            ...users.filter((user) => user.active).map((user) => ({ value: user.id, label: user.name })),
          ]}
        />
      );
    case MacroStepType.SetPriority:
      return (
        <SelectField
          label={t('macros.form.parameter.priority', { step: stepNumber })}
          hideLabel
          value={step.priority}
          onChange={(priority: ConversationPriority) => onChange({ priority })}
          options={PRIORITIES_BY_URGENCY.map((priority) => ({ value: priority, label: PRIORITY_LABELS[priority] }))}
        />
      );
    case MacroStepType.AddNote:
      return <TextAreaField
          label={t('macros.form.parameter.note', { step: stepNumber })}
          hideLabel
          rows={2}
          placeholder={t('macros.form.notePlaceholder')} value={step.body} onChange={(event) => onChange({ body: event.target.value })} />;
    case MacroStepType.Snooze:
      return (
        <TextField
          label={t('macros.form.parameter.minutes', { step: stepNumber })}
          hideLabel
          inputMode="numeric"
          placeholder={t('macros.form.minutesPlaceholder')}
          value={step.minutes}
          onChange={(event) => onChange({ minutes: event.target.value })}
        />
      );
    case MacroStepType.Resolve:
      return <span className="bt-muted bt-macro-stepNumber_none">{t('macros.form.nothingToChoose')}</span>;
  }
}

interface MacroFormProps {
  macro: MacroView | null;
  /** The teams the person may share a macro with; empty for agents, who keep personal macros only. */
  teams: readonly TeamView[];
  onDone: () => void;
}

function MacroFormBody({ macro, teams, onDone }: MacroFormProps) {
  const { t } = useTranslation('admin');
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
      toastShown('success', macro ? t('macros.form.saved', { name: result.name }) : t('macros.form.created', { name: result.name }));
      onDone();
    };
    if (macro) update.mutate({ id: macro.id, changes: { name: request.name, steps: request.steps } }, { onSuccess: saved });
    else create.mutate(request, { onSuccess: saved });
  };

  const scopeOptions = [
    { value: 'personal', label: t('macros.form.onlyMe') },
    ...(me.role === Role.Admin ? [{ value: 'shared:', label: t('macros.scope.everyTeam') }] : []),
    ...teams.map((team) => ({ value: `shared:${team.id}`, label: team.name })),
  ];
  return (
    <form className="bt-form bt-macro-form" onSubmit={submit} noValidate>
      {mutation.error ? <Banner tone="danger">{describeError(mutation.error)}</Banner> : null}
      {shown.form ? <Banner tone="danger">{shown.form}</Banner> : null}
      <TextField
        label={t('macros.form.name')}
        name="name" autoComplete="off" maxLength={60} value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} error={shown.name} />
      {macro || !canShare ? null : (
        <SelectField
          label={t('macros.columns.scope')}
          value={form.visibility === 'personal' ? 'personal' : `shared:${form.teamId}`}
          onChange={(value: string) => setForm({ ...form, visibility: value === 'personal' ? 'personal' : 'shared', teamId: value.startsWith('shared:') ? value.slice('shared:'.length) : '' })}
          options={scopeOptions}
          hint={t('macros.form.scopeHint')}
        />
      )}
      <fieldset className="bt-macro-steps">
        <legend>{t('macros.form.steps')}</legend>
        <ol className="bt-macro-steps__list">
          {form.steps.map((step, index) => (
            <li key={step.key} className="bt-macro-step">
              <div className="bt-macro-stepNumber_row">
                <SelectField
                  label={t('macros.form.step', { step: index + 1 })}
                  hideLabel
                  value={step.type}
                  onChange={(type: MacroStepType) => setStep(step.key, { type })}
                  options={Object.values(MacroStepType).map((type) => ({ value: type, label: STEP_TYPE_LABELS[type] }))}
                  className="bt-macro-stepNumber_type"
                />
                <span className="bt-macro-stepNumber_tools">
                  <Button size="sm" variant="ghost" icon="chevron-down" className="bt-macro-stepNumber_up" aria-label={t('macros.form.moveUp', { step: index + 1 })} disabled={index === 0} onClick={() => moveStep(index, -1)} />
                  <Button size="sm" variant="ghost" icon="chevron-down" aria-label={t('macros.form.moveDown', { step: index + 1 })} disabled={index === form.steps.length - 1} onClick={() => moveStep(index, 1)} />
                  <Button size="sm" variant="ghost" icon="trash" aria-label={t('macros.form.remove', { step: index + 1 })} disabled={form.steps.length === 1} onClick={() => setForm({ ...form, steps: form.steps.filter((other) => other.key !== step.key) })} />
                </span>
                <div className="bt-macro-stepNumber_parameter">
                  <StepParameter step={step} index={index} onChange={(changes) => setStep(step.key, changes)} />
                </div>
              </div>
              {shown.steps[step.key] ? <p className="bt-field__error">{shown.steps[step.key]}</p> : null}
            </li>
          ))}
        </ol>
        <Button size="sm" icon="plus" disabled={form.steps.length >= 10} onClick={() => setForm({ ...form, steps: [...form.steps, newStep(MacroStepType.AddNote)] })}>
          {t('macros.form.addStep')}
        </Button>
      </fieldset>
      <DialogFooter>
        <Button onClick={onDone}>{t('shared.cancel')}</Button>
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {macro ? t('shared.save') : t('macros.create')}
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
  const { t } = useTranslation('admin');
  const macro = target === 'new' ? null : target;
  return (
    <Dialog open={target !== null} onClose={onClose} title={macro ? t('shared.editNamed', { name: macro.name }) : t('macros.create')}>
      {target !== null ? <MacroFormBody macro={macro} teams={teams} onDone={onClose} /> : null}
    </Dialog>
  );
}
