import { ConversationPriority, MacroStepType } from '@backtalk/contracts';
import { emptyMacroForm, hasProblems, macroFormFrom, macroFormProblems, newStep, stepsSummary, toCreateMacroRequest } from './macro-form';

describe('macro form', () => {
  it('turns the form into the request the API takes, each step with only its own parameter', () => {
    const form = emptyMacroForm('shared');
    form.name = '  Refund done ';
    form.teamId = 'team-1';
    form.steps = [
      { ...newStep(MacroStepType.SendCannedAnswer), cannedAnswerId: 'answer-1' },
      { ...newStep(MacroStepType.Assign), assigneeId: '' },
      { ...newStep(MacroStepType.SetPriority), priority: ConversationPriority.Low },
      { ...newStep(MacroStepType.Snooze), minutes: '90' },
    ];
    expect(toCreateMacroRequest(form)).toEqual({
      name: 'Refund done',
      visibility: 'shared',
      teamId: 'team-1',
      steps: [
        { type: 'send_canned_answer', cannedAnswerId: 'answer-1' },
        { type: 'assign', assigneeId: null },
        { type: 'set_priority', priority: 'low' },
        { type: 'snooze', minutes: 90 },
      ],
    });
  });

  it('leaves the team out of a personal macro', () => {
    expect(toCreateMacroRequest({ ...emptyMacroForm('personal'), name: 'Mine', teamId: 'team-1' })).not.toHaveProperty('teamId');
  });

  it('asks for each step’s parameter and keeps resolve and snooze last', () => {
    const form = { ...emptyMacroForm('personal'), name: '', steps: [newStep(MacroStepType.Resolve), newStep(MacroStepType.AddNote)] };
    const problems = macroFormProblems(form);
    expect(problems.name).toBe('Give the macro a name.');
    expect(Object.values(problems.steps)).toEqual(['This step resolves the conversation, so it must be the last step.', 'Write the note this step adds.']);
    expect(hasProblems(macroFormProblems({ ...form, name: 'Ok', steps: [{ ...newStep(MacroStepType.AddNote), body: 'Hi' }, newStep(MacroStepType.Resolve)] }))).toBe(false);
  });

  it('reads a saved macro back into the form unchanged', () => {
    const steps = [
      { type: MacroStepType.AddLabel, labelId: 'label-1' },
      { type: MacroStepType.Assign, assigneeId: 'me' },
      { type: MacroStepType.Snooze, minutes: null },
    ] as const;
    const form = macroFormFrom({ id: 'm', name: 'Later', ownerId: 'u', teamId: null, steps: [...steps], createdAt: '', updatedAt: '' });
    expect(toCreateMacroRequest(form)).toEqual({ name: 'Later', visibility: 'personal', steps });
  });

  it('sums the steps up in a line', () => {
    expect(stepsSummary([{ type: MacroStepType.AddNote, body: 'x' }, { type: MacroStepType.Resolve }])).toBe('Add a private note, resolve');
  });
});
