import { AccessPolicy, type UserActor } from '@backtalk/auth';
import { ActivityType, type ChangeConversationLabelsRequest, type ConversationView, type DomainEvent, type LabelMention } from '@backtalk/contracts';
import { ConversationActivity, ConversationEntity, ConversationsService } from '@backtalk/conversations';
import { DomainError, EventLog } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { LabelEntity } from './label.entity';
import { canSeeLabel, labelChangeProblem, labelMisfit } from './label-rules';

/** Who changed a conversation's labels: a person, or an automation rule (named in the activity line). */
export type LabelChanger = { kind: 'user'; userId: string } | { kind: 'automation'; ruleName: string };

const mention = (label: LabelEntity): LabelMention => ({ id: label.id, name: label.name, color: label.color });

/**
 * Labels on conversations. A change locks the conversation, checks the access rule and that each label may go on it,
 * writes the rows, one activity line and a `conversation.updated` event in one transaction, and publishes after the
 * commit, so every console showing the conversation updates its chips.
 */
@Injectable()
export class ConversationLabels {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventLog: EventLog,
    private readonly conversations: ConversationsService,
    private readonly activity: ConversationActivity,
  ) {}

  async change(actor: UserActor, conversationId: string, request: ChangeConversationLabelsRequest): Promise<ConversationView> {
    const add = [...new Set(request.add ?? [])];
    const remove = [...new Set(request.remove ?? [])];
    const problem = labelChangeProblem(add, remove);
    if (problem) throw DomainError.validation(problem);
    const events = await this.dataSource.transaction(async (manager) => {
      const conversation = await manager.findOne(ConversationEntity, { where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
      if (!conversation || !AccessPolicy.canSeeConversation(actor, conversation)) throw DomainError.notFound('Conversation');
      const labels = new Map((await manager.findBy(LabelEntity, { id: In([...add, ...remove]) })).filter((label) => canSeeLabel(actor, label)).map((label) => [label.id, label]));
      // Another team's label answers like one that does not exist, so its id leaks nothing.
      const missing = (['add', 'remove'] as const).flatMap((field) => ({ add, remove })[field].filter((id) => !labels.has(id)).map((id) => ({ field, id })));
      if (missing.length > 0) throw DomainError.validation('That label does not exist', missing.map(({ field }) => ({ field, messages: ['must be a label you can use'] })));
      const adding = add.map((id) => labels.get(id)!);
      const teamNames = await this.teamNames(manager, [conversation.teamId, ...adding.flatMap((label) => label.teamId ?? [])]);
      const misfits = adding.map((label) => labelMisfit(label, conversation.teamId, teamNames)).filter((misfit): misfit is string => misfit !== null);
      if (misfits.length > 0) throw DomainError.validation(misfits[0], [{ field: 'add', messages: misfits }]);
      return this.apply(manager, conversation, { add: adding, remove: remove.map((id) => labels.get(id)!) }, { kind: 'user', userId: actor.userId });
    });
    this.eventLog.publish(events);
    return this.conversations.get(actor, conversationId);
  }

  /**
   * An automation rule puts a label on, inside the caller's transaction; the caller publishes the events after its
   * commit. A label deleted since the rule was saved, or of another team than the conversation (it was transferred),
   * is left off, and `skipped` says why for the rule's run record.
   */
  async addByRule(manager: EntityManager, conversation: Pick<ConversationEntity, 'id' | 'teamId' | 'status'>, labelId: string, ruleName: string): Promise<{ events: DomainEvent[]; skipped: string | null }> {
    const label = await manager.findOneBy(LabelEntity, { id: labelId });
    if (!label) return { events: [], skipped: 'the rule’s label no longer exists' };
    if (labelMisfit(label, conversation.teamId)) return { events: [], skipped: `the label “${label.name}” belongs to another team than the conversation` };
    return { events: await this.apply(manager, conversation, { add: [label], remove: [] }, { kind: 'automation', ruleName }), skipped: null };
  }

  /** Writes the change and returns its events (none when nothing changed). The caller has checked each label fits. */
  private async apply(manager: EntityManager, conversation: Pick<ConversationEntity, 'id' | 'teamId' | 'status'>, change: { add: LabelEntity[]; remove: LabelEntity[] }, by: LabelChanger): Promise<DomainEvent[]> {
    const addedBy = by.kind === 'user' ? by.userId : null;
    const added: Array<{ label_id: string }> = change.add.length
      ? await manager.query(`INSERT INTO conversation_label (conversation_id, label_id, added_by) SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING RETURNING label_id`, [conversation.id, change.add.map((label) => label.id), addedBy])
      : [];
    const removed: Array<{ label_id: string }> = change.remove.length
      ? await manager.query(`WITH gone AS (DELETE FROM conversation_label WHERE conversation_id = $1 AND label_id = ANY($2::uuid[]) RETURNING label_id) SELECT label_id FROM gone`, [conversation.id, change.remove.map((label) => label.id)])
      : [];
    if (added.length === 0 && removed.length === 0) return [];
    const pick = (labels: LabelEntity[], rows: Array<{ label_id: string }>) => labels.filter((label) => rows.some((row) => row.label_id === label.id)).map(mention);
    // The inbox keeps the newer of two copies of a conversation by updatedAt.
    await manager.query(`UPDATE conversation SET updated_at = now() WHERE id = $1`, [conversation.id]);
    const line = await this.activity.record(manager, {
      conversationId: conversation.id,
      teamId: conversation.teamId,
      type: ActivityType.LabelsChanged,
      actorKind: by.kind,
      actorId: addedBy,
      data: { added: pick(change.add, added), removed: pick(change.remove, removed), ...(by.kind === 'automation' ? { ruleName: by.ruleName } : {}) },
    });
    return this.eventLog.append(manager, [
      { type: 'conversation.updated', teamId: conversation.teamId, conversationId: conversation.id, payload: { conversationId: conversation.id, status: conversation.status, previousStatus: conversation.status, reason: 'labels' } },
      line,
    ]);
  }

  private async teamNames(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows: Array<{ id: string; name: string }> = await manager.query(`SELECT id, name FROM team WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
