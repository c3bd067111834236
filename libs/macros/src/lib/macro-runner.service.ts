import type { UserActor } from '@backtalk/auth';
import { CannedAnswersService } from '@backtalk/automation';
import { ActivityType, ErrorCode, type MacroRunView, type MacroStep, MacroStepType } from '@backtalk/contracts';
import { ConversationActionsService, ConversationActivity, ConversationsService } from '@backtalk/conversations';
import { ConversationLabels } from '@backtalk/labels';
import { RepliesService } from '@backtalk/outbound';
import { DomainError, EventLog } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { MacroEntity } from './macro.entity';
import { MacrosService } from './macros.service';

/** How long one request may work a run before a retry with the same key may take it over (it crashed, say). */
const CLAIM_SECONDS = 120;

interface RunRow {
  id: string;
  macro_id: string;
  conversation_id: string;
  status: 'running' | 'completed' | 'failed';
  steps_done: number;
  failure: MacroRunView['failedStep'];
}

/**
 * Runs a macro's steps on a conversation, one after another, each through the service its single action uses (so
 * the access rule, the activity line and the live update are that action's own), and records each step's outcome
 * as a `macro_step` activity line with the run's progress. The first step that fails stops the run.
 *
 * A run is keyed by its caller and the request's Idempotency-Key: a retried request finds the run and carries on
 * after the steps it finished. A canned answer is sent with an idempotency key of the run and the step, so even a
 * step that sent and then crashed before it was recorded does not send twice when the run is retried.
 */
@Injectable()
export class MacroRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventLog: EventLog,
    private readonly macros: MacrosService,
    private readonly conversations: ConversationsService,
    private readonly actions: ConversationActionsService,
    private readonly activity: ConversationActivity,
    private readonly labels: ConversationLabels,
    private readonly cannedAnswers: CannedAnswersService,
    private readonly replies: RepliesService,
  ) {}

  async run(actor: UserActor, conversationId: string, macroId: string, requestKey: string = randomUUID()): Promise<MacroRunView> {
    const macro = await this.macros.findVisible(actor, macroId);
    const conversation = await this.conversations.get(actor, conversationId);
    if (macro.teamId && macro.teamId !== conversation.teamId) throw DomainError.validation(`“${macro.name}” is a macro of another team than this conversation’s`);
    let run = await this.claim(actor, macro, conversationId, requestKey);
    for (let index = run.steps_done; run.status === 'running' && index < macro.steps.length; index += 1) {
      const step = macro.steps[index];
      try {
        await this.perform(actor, conversationId, step, `macro-run:${run.id}:${index + 1}`);
        run = await this.record(actor, macro, run, index, conversation.teamId, { outcome: 'done' });
      } catch (error) {
        if (!(error instanceof DomainError)) {
          await this.dataSource.query(`UPDATE macro_run SET claimed_until = NULL WHERE id = $1`, [run.id]);
          throw error;
        }
        run = await this.record(actor, macro, run, index, conversation.teamId, { outcome: 'failed', code: error.code, reason: error.message });
      }
    }
    return this.viewOf(actor, run);
  }

  /** Starts the run, or finds the one this key started; a run another request is still working is refused. */
  private async claim(actor: UserActor, macro: MacroEntity, conversationId: string, requestKey: string): Promise<RunRow> {
    const [started]: RunRow[] = await this.dataSource.query(
      `INSERT INTO macro_run (macro_id, conversation_id, actor_id, request_key, claimed_until) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
       ON CONFLICT (actor_id, request_key) DO NOTHING RETURNING id, macro_id, conversation_id, status, steps_done, failure`,
      [macro.id, conversationId, actor.userId, requestKey, CLAIM_SECONDS],
    );
    if (started) return started;
    const [earlier]: RunRow[] = await this.dataSource.query(`SELECT id, macro_id, conversation_id, status, steps_done, failure FROM macro_run WHERE actor_id = $1 AND request_key = $2`, [actor.userId, requestKey]);
    if (earlier.macro_id !== macro.id || earlier.conversation_id !== conversationId) {
      throw new DomainError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was already used to run another macro or on another conversation; use a new key for a new run');
    }
    if (earlier.status !== 'running') return earlier;
    // An UPDATE answers [rows, count].
    const [[taken]]: [RunRow[], number] = await this.dataSource.query(
      `UPDATE macro_run SET claimed_until = now() + make_interval(secs => $2), updated_at = now()
       WHERE id = $1 AND status = 'running' AND (claimed_until IS NULL OR claimed_until < now())
       RETURNING id, macro_id, conversation_id, status, steps_done, failure`,
      [earlier.id, CLAIM_SECONDS],
    );
    if (!taken) throw DomainError.conflict('This macro is still running on the conversation; try again in a moment');
    return taken;
  }

  /** One step, through the same service as the single action it stands for. */
  private async perform(actor: UserActor, conversationId: string, step: MacroStep, idempotencyKey: string): Promise<void> {
    switch (step.type) {
      case MacroStepType.SendCannedAnswer: {
        const rendered = await this.cannedAnswers.render(actor, step.cannedAnswerId, conversationId);
        await this.replies.reply(actor, conversationId, { body: rendered.body, cannedAnswerId: step.cannedAnswerId }, idempotencyKey);
        return;
      }
      case MacroStepType.AddLabel:
        await this.labels.change(actor, conversationId, { add: [step.labelId] });
        return;
      case MacroStepType.Assign:
        await this.actions.assign(actor, conversationId, { assigneeId: step.assigneeId === 'me' ? actor.userId : step.assigneeId });
        return;
      case MacroStepType.SetPriority:
        await this.actions.setPriority(actor, conversationId, step.priority);
        return;
      case MacroStepType.AddNote:
        await this.actions.addNote(actor, conversationId, step.body);
        return;
      case MacroStepType.Resolve:
        await this.actions.resolve(actor, conversationId);
        return;
      case MacroStepType.Snooze:
        await this.actions.snooze(actor, conversationId, step.minutes === null ? null : new Date(Date.now() + step.minutes * 60_000));
        return;
    }
  }

  /** The step's activity line and the run's progress, in one transaction; the line is published after it commits. */
  private async record(
    actor: UserActor,
    macro: MacroEntity,
    run: RunRow,
    index: number,
    teamId: string,
    outcome: { outcome: 'done' } | { outcome: 'failed'; code: string; reason: string },
  ): Promise<RunRow> {
    const step = macro.steps[index];
    const last = index === macro.steps.length - 1;
    const { events, row } = await this.dataSource.transaction(async (manager) => {
      const line = await this.activity.record(manager, {
        conversationId: run.conversation_id,
        teamId,
        type: ActivityType.MacroStep,
        actorKind: 'user',
        actorId: actor.userId,
        data: {
          macroId: macro.id,
          macroName: macro.name,
          runId: run.id,
          step: index + 1,
          steps: macro.steps.length,
          stepType: step.type,
          outcome: outcome.outcome,
          // The console words the step's error by its code; the API's English message is kept for codes it does not know.
          ...(outcome.outcome === 'failed' ? { code: outcome.code, reason: outcome.reason } : {}),
        },
      });
      const failure = outcome.outcome === 'failed' ? { step: index + 1, type: step.type, code: outcome.code, message: outcome.reason } : null;
      const [updated]: [RunRow[], number] = await manager.query(
        `UPDATE macro_run SET steps_done = $2, status = $3, failure = $4::jsonb, claimed_until = CASE WHEN $3 = 'running' THEN claimed_until END, updated_at = now()
         WHERE id = $1 RETURNING id, macro_id, conversation_id, status, steps_done, failure`,
        [run.id, outcome.outcome === 'done' ? index + 1 : index, failure ? 'failed' : last ? 'completed' : 'running', failure ? JSON.stringify(failure) : null],
      );
      return { events: await this.eventLog.append(manager, [line]), row: updated[0] };
    });
    this.eventLog.publish(events);
    return row;
  }

  private async viewOf(actor: UserActor, run: RunRow): Promise<MacroRunView> {
    // The last step may have moved the conversation out of the actor's sight (a transfer): the run still reports.
    const conversation = await this.conversations.get(actor, run.conversation_id).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) return null;
      throw error;
    });
    return {
      runId: run.id,
      macroId: run.macro_id,
      conversationId: run.conversation_id,
      status: run.status === 'failed' ? 'failed' : 'completed',
      stepsDone: run.steps_done,
      failedStep: run.failure,
      conversation,
    };
  }
}
