import { ConversationPriority, MACRO_MAX_STEPS, MacroStepType, type CreateMacroRequest, type MacroStep, type MacroView } from '@backtalk/contracts';
import { translateAdmin as t } from '../../i18n';

/** A step as the form edits it: every parameter a string, whichever the type uses. */
export interface MacroStepForm {
  key: string;
  type: MacroStepType;
  cannedAnswerId: string;
  labelId: string;
  /** A user id, `me`, or '' for unassigned. */
  assigneeId: string;
  priority: ConversationPriority;
  body: string;
  /** Minutes as typed; '' snoozes until the customer writes. */
  minutes: string;
}

export interface MacroForm {
  name: string;
  visibility: 'personal' | 'shared';
  /** '' shares with every team. */
  teamId: string;
  steps: MacroStepForm[];
}

/** Read in the console's language when looked up. */
export const STEP_TYPE_LABELS = {} as Readonly<Record<MacroStepType, string>>;
for (const type of Object.values(MacroStepType)) Object.defineProperty(STEP_TYPE_LABELS, type, { enumerable: true, get: () => t(`macros.stepTypes.${type}`) });

let nextKey = 0;
export const newStep = (type: MacroStepType = MacroStepType.AddLabel): MacroStepForm => ({
  key: `step-${++nextKey}`,
  type,
  cannedAnswerId: '',
  labelId: '',
  assigneeId: 'me',
  priority: ConversationPriority.High,
  body: '',
  minutes: '',
});

export const emptyMacroForm = (visibility: MacroForm['visibility']): MacroForm => ({ name: '', visibility, teamId: '', steps: [newStep()] });

export function macroFormFrom(macro: MacroView): MacroForm {
  return {
    name: macro.name,
    visibility: macro.ownerId ? 'personal' : 'shared',
    teamId: macro.teamId ?? '',
    steps: macro.steps.map((step) => {
      const form = newStep(step.type);
      if (step.type === MacroStepType.SendCannedAnswer) form.cannedAnswerId = step.cannedAnswerId;
      if (step.type === MacroStepType.AddLabel) form.labelId = step.labelId;
      if (step.type === MacroStepType.Assign) form.assigneeId = step.assigneeId ?? '';
      if (step.type === MacroStepType.SetPriority) form.priority = step.priority;
      if (step.type === MacroStepType.AddNote) form.body = step.body;
      if (step.type === MacroStepType.Snooze) form.minutes = step.minutes === null ? '' : String(step.minutes);
      return form;
    }),
  };
}

export function toMacroStep(step: MacroStepForm): MacroStep {
  switch (step.type) {
    case MacroStepType.SendCannedAnswer:
      return { type: step.type, cannedAnswerId: step.cannedAnswerId };
    case MacroStepType.AddLabel:
      return { type: step.type, labelId: step.labelId };
    case MacroStepType.Assign:
      return { type: step.type, assigneeId: step.assigneeId || null };
    case MacroStepType.SetPriority:
      return { type: step.type, priority: step.priority };
    case MacroStepType.AddNote:
      return { type: step.type, body: step.body.trim() };
    case MacroStepType.Resolve:
      return { type: step.type };
    case MacroStepType.Snooze:
      return { type: step.type, minutes: step.minutes.trim() ? Number(step.minutes) : null };
  }
}

export function toCreateMacroRequest(form: MacroForm): CreateMacroRequest {
  return {
    name: form.name.trim(),
    visibility: form.visibility,
    ...(form.visibility === 'shared' ? { teamId: form.teamId || null } : {}),
    steps: form.steps.map(toMacroStep),
  };
}

/** What to fix before saving, as the sentences the form shows; the API checks the same and what it alone knows. */
export function macroFormProblems(form: MacroForm): { name?: string; steps: Record<string, string>; form?: string } {
  const steps: Record<string, string> = {};
  for (const [index, step] of form.steps.entries()) {
    if (step.type === MacroStepType.SendCannedAnswer && !step.cannedAnswerId) steps[step.key] = t('macros.problems.pickAnswer');
    if (step.type === MacroStepType.AddLabel && !step.labelId) steps[step.key] = t('macros.problems.pickLabel');
    if (step.type === MacroStepType.AddNote && !step.body.trim()) steps[step.key] = t('macros.problems.writeNote');
    if (step.type === MacroStepType.Snooze && step.minutes.trim() && !(Number.isInteger(Number(step.minutes)) && Number(step.minutes) >= 1)) steps[step.key] = t('macros.problems.snoozeMinutes');
    if ((step.type === MacroStepType.Resolve || step.type === MacroStepType.Snooze) && index !== form.steps.length - 1) {
      steps[step.key] = t('macros.problems.mustBeLast', { step: step.type });
    }
  }
  return {
    ...(form.name.trim() ? {} : { name: t('macros.problems.nameRequired') }),
    steps,
    ...(form.steps.length === 0 ? { form: t('macros.problems.noSteps') } : form.steps.length > MACRO_MAX_STEPS ? { form: t('macros.problems.tooManySteps', { max: MACRO_MAX_STEPS }) } : {}),
  };
}

export const hasProblems = (problems: ReturnType<typeof macroFormProblems>) => !!problems.name || !!problems.form || Object.keys(problems.steps).length > 0;

/** "Send a canned answer, add a label, resolve": the table's summary of a macro. */
export function stepsSummary(steps: readonly MacroStep[]): string {
  return steps.map((step, index) => (index === 0 ? STEP_TYPE_LABELS[step.type] : STEP_TYPE_LABELS[step.type].toLowerCase())).join(', ');
}
