import { AccessPolicy, type UserActor } from '@backtalk/auth';
import {
  BULK_INLINE_MAX,
  BULK_MAX_ITEMS,
  type BulkActionParams,
  type BulkActionRequest,
  BulkActionType,
  type BulkActionView,
  type BulkItemResult,
  type ConversationFilters,
  ErrorCode,
} from '@backtalk/contracts';
import { ConversationActionsService, ConversationsService } from '@backtalk/conversations';
import { ConversationLabels } from '@backtalk/labels';
import { DomainError, QueueName } from '@backtalk/platform';
import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { bulkParamsProblem } from './macro-rules';

export const BULK_ACTION_JOB = 'bulk-action';

export interface BulkActionJobData {
  bulkActionId: string;
}

/** Progress is written every this many conversations: often enough for a progress bar, rarely enough to be cheap. */
const PROGRESS_EVERY = 25;
const LIST_PAGE = 200;

interface BulkActionRow {
  id: string;
  actor_id: string;
  action: BulkActionType;
  params: BulkActionParams;
  conversation_ids: string[];
  status: 'running' | 'completed';
  done: number;
  failures: Array<Extract<BulkItemResult, { ok: false }>>;
  created_at: Date;
  completed_at: Date | null;
}

const toView = (row: BulkActionRow): BulkActionView => ({
  id: row.id,
  action: row.action,
  status: row.status,
  total: row.conversation_ids.length,
  done: row.done,
  failed: row.failures.length,
  failures: row.failures,
  createdAt: row.created_at.toISOString(),
  completedAt: row.completed_at?.toISOString() ?? null,
});

const COLUMNS = 'id, actor_id, action, params, conversation_ids, status, done, failures, created_at, completed_at';

const NOT_YOURS = 'You cannot act on this conversation: it is not in your teams, or it does not exist';

/**
 * One action on many conversations. Each conversation goes through the single action's own service method, in its
 * own transaction with the access rule applied there, so a bulk action can do nothing the person could not do one
 * conversation at a time, and one conversation's refusal leaves the others done.
 *
 * Up to BULK_INLINE_MAX listed conversations are done while the request waits. More, or all that match a filter, are
 * done by a Bull job that writes its progress to the `bulk_action` row, which the console polls
 * (`GET /api/conversations/bulk/:id`) rather than hearing it over realtime: the progress is one person's, while the
 * realtime stream is addressed to teams, and a poll also survives a reconnect or a reload. The conversations are
 * fixed when the action is asked for, so a filter means what matched then.
 */
@Injectable()
export class BulkActions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Bulk) private readonly queue: Queue<BulkActionJobData>,
    private readonly conversations: ConversationsService,
    private readonly actions: ConversationActionsService,
    private readonly labels: ConversationLabels,
  ) {}

  async start(actor: UserActor, request: BulkActionRequest): Promise<BulkActionView> {
    if ((request.ids === undefined) === (request.filter === undefined)) throw DomainError.validation('Give the conversations (ids) or a filter that finds them, not both.');
    const params = request.params ?? {};
    const problem = bulkParamsProblem(request.action, params);
    if (problem) throw DomainError.validation(problem, [{ field: 'params', messages: [problem] }]);
    const ids = request.ids ? [...new Set(request.ids)] : await this.matching(actor, request.filter!);
    if (ids.length === 0) throw DomainError.validation('No conversation matches the filter.');
    const [row]: BulkActionRow[] = await this.dataSource.query(
      `INSERT INTO bulk_action (actor_id, action, params, conversation_ids) VALUES ($1, $2, $3::jsonb, $4::uuid[]) RETURNING ${COLUMNS}`,
      [actor.userId, request.action, JSON.stringify(params), ids],
    );
    if (request.ids && ids.length <= BULK_INLINE_MAX) return toView(await this.work(actor, row));
    await this.queue.add(BULK_ACTION_JOB, { bulkActionId: row.id }, { jobId: row.id });
    return toView(row);
  }

  /** Only the person who started a bulk action sees it. */
  async get(actor: UserActor, id: string): Promise<BulkActionView> {
    const [row]: BulkActionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM bulk_action WHERE id = $1 AND actor_id = $2`, [id, actor.userId]);
    if (!row) throw DomainError.notFound('Bulk action');
    return toView(row);
  }

  /**
   * The job's side: carries on from the progress last written, so a worker that died part-way leaves a retry that
   * repeats at most PROGRESS_EVERY conversations, and the single actions change nothing the second time.
   */
  async resume(bulkActionId: string, actorFor: (userId: string) => Promise<UserActor | undefined>): Promise<void> {
    const [row]: BulkActionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM bulk_action WHERE id = $1`, [bulkActionId]);
    if (!row || row.status === 'completed') return;
    const actor = await actorFor(row.actor_id);
    // Deactivated since: nothing more is done in their name.
    if (!actor) {
      const rest = row.conversation_ids.slice(row.done).map((conversationId) => ({ conversationId, ok: false as const, code: ErrorCode.Forbidden, message: 'Your account was deactivated before this conversation was reached' }));
      await this.progress(row.id, row.conversation_ids.length, rest, true);
      return;
    }
    await this.work(actor, row);
  }

  private async work(actor: UserActor, row: BulkActionRow): Promise<BulkActionRow> {
    const pending = row.conversation_ids.slice(row.done);
    const visible = new Set(await this.visible(actor, pending));
    let done = row.done;
    let failures: Array<Extract<BulkItemResult, { ok: false }>> = [];
    for (const conversationId of pending) {
      const result = visible.has(conversationId) ? await this.one(actor, row.action, row.params, conversationId) : { conversationId, ok: false as const, code: ErrorCode.Forbidden, message: NOT_YOURS };
      done += 1;
      if (!result.ok) failures.push(result);
      if (done % PROGRESS_EVERY === 0 && done < row.conversation_ids.length) {
        await this.progress(row.id, done, failures, false);
        failures = [];
      }
    }
    return this.progress(row.id, done, failures, true);
  }

  private async progress(id: string, done: number, failures: BulkActionRow['failures'], completed: boolean): Promise<BulkActionRow> {
    const [rows]: [BulkActionRow[], number] = await this.dataSource.query(
      `UPDATE bulk_action SET done = $2, failures = failures || $3::jsonb,
              status = CASE WHEN $4 THEN 'completed' ELSE status END, completed_at = CASE WHEN $4 THEN now() END
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, done, JSON.stringify(failures), completed],
    );
    return rows[0];
  }

  /** The single action, as its own route would do it; a refusal is this conversation's result, not the request's. */
  private async one(actor: UserActor, action: BulkActionType, params: BulkActionParams, conversationId: string): Promise<BulkItemResult> {
    try {
      switch (action) {
        case BulkActionType.Assign:
          await this.actions.assign(actor, conversationId, { assigneeId: params.assigneeId ?? null });
          break;
        case BulkActionType.Transfer:
          await this.actions.assign(actor, conversationId, { teamId: params.teamId, assigneeId: params.assigneeId ?? null });
          break;
        case BulkActionType.AddLabel:
          await this.labels.change(actor, conversationId, { add: [params.labelId!] });
          break;
        case BulkActionType.RemoveLabel:
          await this.labels.change(actor, conversationId, { remove: [params.labelId!] });
          break;
        case BulkActionType.Resolve:
          await this.actions.resolve(actor, conversationId);
          break;
        case BulkActionType.Snooze:
          await this.actions.snooze(actor, conversationId, params.until ? new Date(params.until) : null);
          break;
        case BulkActionType.SetPriority:
          await this.actions.setPriority(actor, conversationId, params.priority!);
          break;
      }
      return { conversationId, ok: true };
    } catch (error) {
      if (error instanceof DomainError) return { conversationId, ok: false, code: error.code, message: error.message };
      throw error;
    }
  }

  /**
   * Which of these the actor may act on. Asked once up front so that another team's conversation is reported as
   * refused in so many words; each single action still checks the rule itself, under its lock.
   */
  private async visible(actor: UserActor, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const condition = AccessPolicy.visibleConversationsCondition(actor, 'c', 2);
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT c.id FROM conversation c WHERE c.id = ANY($1::uuid[]) AND ${condition.sql}`, [ids, ...condition.parameters]);
    return rows.map((row) => row.id);
  }

  /** What the inbox list shows for these filters (and the access rule), page by page, at most BULK_MAX_ITEMS. */
  private async matching(actor: UserActor, filter: ConversationFilters): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.conversations.list(actor, { ...filter, limit: LIST_PAGE, cursor });
      ids.push(...page.items.map((conversation) => conversation.id));
      if (ids.length > BULK_MAX_ITEMS) throw DomainError.validation(`More than ${BULK_MAX_ITEMS.toLocaleString('en-US')} conversations match; narrow the filter to act on them.`);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }
}
