import { MacroStepType } from '@backtalk/contracts';

/** A step as a thread line or a toast names it, after "step 2:". */
export const MACRO_STEP_NAMES: Record<MacroStepType, string> = {
  [MacroStepType.SendCannedAnswer]: 'send the canned answer',
  [MacroStepType.AddLabel]: 'add the label',
  [MacroStepType.Assign]: 'assign',
  [MacroStepType.SetPriority]: 'set the priority',
  [MacroStepType.AddNote]: 'add the note',
  [MacroStepType.Resolve]: 'resolve',
  [MacroStepType.Snooze]: 'snooze',
};

export const macroStepName = (type: unknown): string => (typeof type === 'string' && Object.hasOwn(MACRO_STEP_NAMES, type) ? MACRO_STEP_NAMES[type as MacroStepType] : 'a step');
