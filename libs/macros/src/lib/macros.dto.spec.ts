import 'reflect-metadata';
import type { UserActor } from '@backtalk/auth';
import { BulkActionType, ConversationPriority, type MacroStep, MacroStepType, Role } from '@backtalk/contracts';
import { flattenValidationErrors } from '@backtalk/platform';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { bulkParamsProblem, canManageMacro, canSeeMacro, cleanMacroName, macroStepsProblem } from './macro-rules';
import { CreateMacroBody, UpdateMacroBody } from './macros.dto';

const ID = '11111111-1111-4111-8111-111111111111';
const SUPPORT = '22222222-2222-4222-8222-222222222222';
const BILLING = '33333333-3333-4333-8333-333333333333';

/** The fields that fail, as the API's validation pipe checks them (whitelisting unknown fields away). */
async function problems(body: unknown, type: new () => object = CreateMacroBody): Promise<string[]> {
  const errors = await validate(plainToInstance(type, body), { whitelist: true, forbidNonWhitelisted: true });
  return flattenValidationErrors(errors).map((error) => error.field);
}

const macro = (steps: unknown[]) => ({ name: 'Refund done', visibility: 'shared', teamId: SUPPORT, steps });

describe('macro validation', () => {
  it('accepts every kind of step with its parameters', async () => {
    expect(
      await problems(
        macro([
          { type: 'send_canned_answer', cannedAnswerId: ID },
          { type: 'add_label', labelId: ID },
          { type: 'assign', assigneeId: 'me' },
          { type: 'assign', assigneeId: null },
          { type: 'set_priority', priority: 'high' },
          { type: 'add_note', body: 'Refund sent, see the ticket' },
          { type: 'snooze', minutes: 60 },
        ]),
      ),
    ).toEqual([]);
    expect(await problems(macro([{ type: 'resolve' }]))).toEqual([]);
    expect(await problems(macro([{ type: 'snooze', minutes: null }]))).toEqual([]);
  });

  it('refuses a step of an unknown type, and a step missing what its type needs', async () => {
    expect(await problems(macro([{ type: 'delete_conversation' }]))).toEqual(['steps.0.type']);
    expect(await problems(macro([{ type: 'send_canned_answer' }]))).toEqual(['steps.0.cannedAnswerId']);
    expect(await problems(macro([{ type: 'add_label', labelId: 'vip' }]))).toEqual(['steps.0.labelId']);
    expect(await problems(macro([{ type: 'assign', assigneeId: 'someone' }]))).toEqual(['steps.0.assigneeId']);
    expect(await problems(macro([{ type: 'set_priority', priority: 'asap' }]))).toEqual(['steps.0.priority']);
    expect(await problems(macro([{ type: 'add_note', body: '   ' }]))).toEqual(['steps.0.body']);
    expect(await problems(macro([{ type: 'snooze', minutes: 0 }]))).toEqual(['steps.0.minutes']);
    expect(await problems(macro([{ type: 'snooze', minutes: 91 * 24 * 60 }]))).toEqual(['steps.0.minutes']);
  });

  it('refuses another step’s parameters on a step, so a typo is not silently ignored', async () => {
    expect(await problems(macro([{ type: 'resolve', labelId: ID }]))).toEqual(['steps.0.labelId']);
  });

  it('needs a name, a visibility and between one and ten steps', async () => {
    expect(await problems({ ...macro([{ type: 'resolve' }]), name: '  ' })).toEqual(['name']);
    expect(await problems({ ...macro([{ type: 'resolve' }]), visibility: 'public' })).toEqual(['visibility']);
    expect(await problems(macro([]))).toEqual(['steps']);
    expect(await problems(macro(Array.from({ length: 11 }, () => ({ type: 'add_label', labelId: ID }))))).toEqual(['steps']);
    expect(await problems(macro('resolve' as unknown as unknown[]))).toContain('steps');
  });

  it('lets a change leave the steps out but not send them empty', async () => {
    expect(await problems({ name: 'Renamed' }, UpdateMacroBody)).toEqual([]);
    expect(await problems({ steps: [] }, UpdateMacroBody)).toEqual(['steps']);
  });
});

describe('macro rules', () => {
  const actor = (role: Role, teamIds: string[] = [SUPPORT], userId = 'me'): UserActor => ({ kind: 'user', userId, role, teamIds });
  const step = (type: MacroStepType): MacroStep =>
    ({ type, ...(type === MacroStepType.Snooze ? { minutes: null } : {}), ...(type === MacroStepType.SendCannedAnswer ? { cannedAnswerId: ID } : {}) }) as MacroStep;

  it('stores a name without surrounding or repeated spaces', () => {
    expect(cleanMacroName('  Refund   sent ')).toBe('Refund sent');
  });

  it('resolves or snoozes only as the last step', () => {
    expect(macroStepsProblem([step(MacroStepType.AddNote), step(MacroStepType.Resolve)])).toBeNull();
    expect(macroStepsProblem([step(MacroStepType.Resolve), step(MacroStepType.AddNote)])).toBe('Step 1 resolves the conversation, so it must be the last step.');
    expect(macroStepsProblem([step(MacroStepType.Snooze), step(MacroStepType.Resolve)])).toBe('Step 1 snoozes the conversation, so it must be the last step.');
  });

  it('sends at most three canned answers in one run', () => {
    expect(macroStepsProblem(Array.from({ length: 3 }, () => step(MacroStepType.SendCannedAnswer)))).toBeNull();
    expect(macroStepsProblem(Array.from({ length: 4 }, () => step(MacroStepType.SendCannedAnswer)))).toMatch(/at most three canned answers/);
  });

  it('keeps personal macros to their owner and shared ones to admins and the team’s supervisors', () => {
    expect(canManageMacro(actor(Role.Agent), { ownerId: 'me', teamId: null })).toBe(true);
    expect(canSeeMacro(actor(Role.Admin, []), { ownerId: 'someone else', teamId: null })).toBe(false);
    expect(canManageMacro(actor(Role.Admin, []), { ownerId: null, teamId: null })).toBe(true);
    expect(canManageMacro(actor(Role.Supervisor), { ownerId: null, teamId: null })).toBe(false);
    expect(canManageMacro(actor(Role.Supervisor), { ownerId: null, teamId: SUPPORT })).toBe(true);
    expect(canManageMacro(actor(Role.Supervisor), { ownerId: null, teamId: BILLING })).toBe(false);
    expect(canManageMacro(actor(Role.Agent), { ownerId: null, teamId: SUPPORT })).toBe(false);
    expect(canSeeMacro(actor(Role.Agent), { ownerId: null, teamId: SUPPORT })).toBe(true);
    expect(canSeeMacro(actor(Role.Agent), { ownerId: null, teamId: BILLING })).toBe(false);
  });

  it('asks each bulk action for the parameters it needs', () => {
    expect(bulkParamsProblem(BulkActionType.Assign, {})).toMatch(/whom to assign/);
    expect(bulkParamsProblem(BulkActionType.Assign, { assigneeId: null })).toBeNull();
    expect(bulkParamsProblem(BulkActionType.Transfer, {})).toMatch(/which team/);
    expect(bulkParamsProblem(BulkActionType.AddLabel, {})).toMatch(/which label/);
    expect(bulkParamsProblem(BulkActionType.SetPriority, { priority: ConversationPriority.High })).toBeNull();
    expect(bulkParamsProblem(BulkActionType.Resolve, {})).toBeNull();
  });
});
