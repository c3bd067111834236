import type { ConversationFilters, ConversationView } from './conversations';
import type { ConversationPriority } from './routing';

/** What a bulk action does to each conversation; each is the single action of the same name, once per conversation. */
export enum BulkActionType {
  Assign = 'assign',
  Transfer = 'transfer',
  AddLabel = 'add_label',
  RemoveLabel = 'remove_label',
  Resolve = 'resolve',
  Snooze = 'snooze',
  SetPriority = 'set_priority',
}

export const BULK_ACTION_TYPES: readonly BulkActionType[] = Object.values(BulkActionType);

/** At most this many conversations in one bulk action, whether listed or matched by a filter. */
export const BULK_MAX_ITEMS = 5000;
/** Up to this many listed conversations are done while the request waits; more run as a background job. */
export const BULK_INLINE_MAX = 100;

/**
 * The action's parameters, by action: assign `{ assigneeId: string | null }`; transfer `{ teamId, assigneeId? }`;
 * add_label / remove_label `{ labelId }`; snooze `{ until?: string }` (omitted: until the customer writes);
 * set_priority `{ priority }`; resolve none.
 */
export interface BulkActionParams {
  assigneeId?: string | null;
  teamId?: string;
  labelId?: string;
  until?: string;
  priority?: ConversationPriority;
}

/** The inbox list's filters: the server finds the matching conversations itself, as the list would. */
export type BulkFilter = ConversationFilters;

/** `POST /api/conversations/bulk`: `ids` or `filter`, not both. */
export interface BulkActionRequest {
  action: BulkActionType;
  params?: BulkActionParams;
  ids?: string[];
  filter?: BulkFilter;
}

export type BulkItemResult = { conversationId: string; ok: true } | { conversationId: string; ok: false; code: string; message: string };

export type BulkActionStatus = 'running' | 'completed';

/**
 * A bulk action and how far it got. `results` holds only the failures (the console lists them); `done` counts every
 * conversation handled, `failed` those that failed. A small set answers completed at once; a large one answers
 * running, and `GET /api/conversations/bulk/:id` reports its progress until it completes.
 */
export interface BulkActionView {
  id: string;
  action: BulkActionType;
  status: BulkActionStatus;
  total: number;
  done: number;
  failed: number;
  failures: Array<Extract<BulkItemResult, { ok: false }>>;
  createdAt: string;
  completedAt: string | null;
}

export enum MacroStepType {
  SendCannedAnswer = 'send_canned_answer',
  AddLabel = 'add_label',
  Assign = 'assign',
  SetPriority = 'set_priority',
  AddNote = 'add_note',
  Resolve = 'resolve',
  Snooze = 'snooze',
}

export const MACRO_STEP_TYPES: readonly MacroStepType[] = Object.values(MacroStepType);

/**
 * One step of a macro. Assign: `assigneeId` a person, `'me'` (whoever runs the macro) or null (unassigned). Snooze:
 * for `minutes`, or null until the customer writes.
 */
export type MacroStep =
  | { type: MacroStepType.SendCannedAnswer; cannedAnswerId: string }
  | { type: MacroStepType.AddLabel; labelId: string }
  | { type: MacroStepType.Assign; assigneeId: string | 'me' | null }
  | { type: MacroStepType.SetPriority; priority: ConversationPriority }
  | { type: MacroStepType.AddNote; body: string }
  | { type: MacroStepType.Resolve }
  | { type: MacroStepType.Snooze; minutes: number | null };

export const MACRO_NAME_MAX = 60;
export const MACRO_MAX_STEPS = 10;
export const MACRO_NOTE_MAX = 4000;
/** 90 days, the longest snooze. */
export const MACRO_SNOOZE_MAX_MINUTES = 90 * 24 * 60;

/**
 * A named sequence of steps. Personal (`ownerId` set): only its owner sees and runs it. Shared: global (`teamId`
 * null, admins manage it) or a team's (admins and its supervisors manage it), run by everyone who sees the team.
 */
export interface MacroView {
  id: string;
  name: string;
  ownerId: string | null;
  teamId: string | null;
  steps: MacroStep[];
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/macros` */
export interface CreateMacroRequest {
  name: string;
  /** personal: the caller's own; shared: global (teamId omitted) or the team's. */
  visibility: 'personal' | 'shared';
  teamId?: string | null;
  steps: MacroStep[];
}

/** `PATCH /api/macros/:id`: a macro stays in the scope it was made in. */
export interface UpdateMacroRequest {
  name?: string;
  steps?: MacroStep[];
}

export type MacroRunStatus = 'completed' | 'failed';

/**
 * `POST /api/conversations/:id/macros/:macroId/run` (with an `Idempotency-Key` header a retry is the same run: steps
 * already done are not done again). A failed step stops the run: `failedStep` says which (1-based) and why.
 */
export interface MacroRunView {
  runId: string;
  macroId: string;
  conversationId: string;
  status: MacroRunStatus;
  stepsDone: number;
  failedStep: { step: number; type: MacroStepType; code: string; message: string } | null;
  conversation: ConversationView | null;
}
