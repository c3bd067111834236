import { AccessPolicy, type UserActor } from '@backtalk/auth';
import {
  ActivityType,
  type AssignConversationRequest,
  type AssignmentRecordView,
  type ConversationPriority,
  ConversationStatus,
  type ConversationView,
  type DomainEvent,
  MessageDirection,
  MessageKind,
  MessageStatus,
  type MessageView,
  Role,
} from '@backtalk/contracts';
import { DomainError, EventLog, isUniqueViolation, type NewDomainEvent } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConversationActivity } from './conversation-activity.service';
import { toMessageView } from './conversation-views';
import { ConversationsService } from './conversations.service';
import { ConversationAssignmentEntity, ConversationEntity, MessageEntity } from './entities';

const MAX_SNOOZE_DAYS = 90;

const STATUS_ACTIVITY: Record<ConversationStatus, ActivityType> = {
  [ConversationStatus.Open]: ActivityType.Reopened,
  [ConversationStatus.Pending]: ActivityType.MarkedPending,
  [ConversationStatus.Snoozed]: ActivityType.Snoozed,
  [ConversationStatus.Resolved]: ActivityType.Resolved,
};

/**
 * What agents do to a conversation. Each action locks the conversation, checks the access rule, changes it and logs
 * the events in one transaction; the events are published only after the commit.
 */
@Injectable()
export class ConversationActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventLog: EventLog,
    private readonly conversations: ConversationsService,
    private readonly activity: ConversationActivity,
  ) {}

  async assign(actor: UserActor, conversationId: string, request: AssignConversationRequest): Promise<ConversationView> {
    await this.change(actor, conversationId, async (manager, conversation) => {
      const teamId = request.teamId ?? conversation.teamId;
      if (teamId !== conversation.teamId) await this.requireTeam(manager, teamId);
      if (request.assigneeId) await this.requireAssignable(manager, request.assigneeId, teamId);
      const events = await this.recordAssignment(manager, conversation, { assigneeId: request.assigneeId, teamId, actorId: actor.userId, reason: teamId === conversation.teamId ? 'manual' : 'transfer' });
      if (request.note?.trim() && events.length > 0) events.push(...(await this.writeNote(manager, conversation, actor, request.note.trim())).events);
      return events;
    });
    // Not through the access rule: after a transfer to a team the agent is not in, they still see what they did.
    return this.conversations.viewOf(conversationId);
  }

  async resolve(actor: UserActor, conversationId: string): Promise<ConversationView> {
    return this.setStatus(actor, conversationId, ConversationStatus.Resolved, 'resolved');
  }

  async reopen(actor: UserActor, conversationId: string): Promise<ConversationView> {
    return this.setStatus(actor, conversationId, ConversationStatus.Open, 'reopened');
  }

  async markPending(actor: UserActor, conversationId: string): Promise<ConversationView> {
    return this.setStatus(actor, conversationId, ConversationStatus.Pending, 'pending');
  }

  /** `until` null: snoozed until the customer writes again (an inbound message wakes any snooze). */
  async snooze(actor: UserActor, conversationId: string, until: Date | null, now = new Date()): Promise<ConversationView> {
    if (until && until.getTime() <= now.getTime()) throw DomainError.validation('Snooze until a time in the future');
    if (until && until.getTime() > now.getTime() + MAX_SNOOZE_DAYS * 86_400_000) throw DomainError.validation(`Snooze for at most ${MAX_SNOOZE_DAYS} days`);
    return this.setStatus(actor, conversationId, ConversationStatus.Snoozed, 'snoozed', until);
  }

  async setPriority(actor: UserActor, conversationId: string, priority: ConversationPriority): Promise<ConversationView> {
    await this.change(actor, conversationId, async (manager, conversation) => {
      if (conversation.priority === priority) return [];
      await manager.update(ConversationEntity, { id: conversation.id }, { priority });
      const line = await this.activity.record(manager, {
        conversationId: conversation.id,
        teamId: conversation.teamId,
        type: ActivityType.PriorityChanged,
        actorKind: 'user',
        actorId: actor.userId,
        data: { from: conversation.priority, to: priority },
      });
      return this.eventLog.append(manager, [this.updatedEvent(conversation, conversation.status, `priority_${priority}`), line]);
    });
    return this.conversations.get(actor, conversationId);
  }

  async assignments(actor: UserActor, conversationId: string): Promise<AssignmentRecordView[]> {
    await this.conversations.get(actor, conversationId);
    const records = await this.dataSource.getRepository(ConversationAssignmentEntity).find({ where: { conversationId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return records.map((record) => ({
      id: record.id,
      conversationId: record.conversationId,
      assigneeId: record.assigneeId,
      previousAssigneeId: record.previousAssigneeId,
      teamId: record.teamId,
      previousTeamId: record.previousTeamId,
      actorId: record.actorId,
      reason: record.reason,
      createdAt: record.createdAt.toISOString(),
    }));
  }

  async markRead(actor: UserActor, conversationId: string): Promise<ConversationView> {
    await this.change(actor, conversationId, async (manager, conversation) => {
      if (conversation.unreadCount === 0) return [];
      await manager.update(ConversationEntity, { id: conversation.id }, { unreadCount: 0 });
      return this.eventLog.append(manager, [this.updatedEvent(conversation, conversation.status, 'read')]);
    });
    return this.conversations.get(actor, conversationId);
  }

  async addNote(actor: UserActor, conversationId: string, body: string): Promise<MessageView> {
    let note: MessageEntity | undefined;
    await this.change(actor, conversationId, async (manager, conversation) => {
      const written = await this.writeNote(manager, conversation, actor, body.trim());
      note = written.note;
      return written.events;
    });
    return toMessageView(note!);
  }

  /**
   * Records a change of assignee or team, inside the caller's transaction, with its activity line; routing, rules and
   * replies use it too, so every change of hands shows in the thread once (callers need not write a line of their own).
   */
  async recordAssignment(
    manager: EntityManager,
    conversation: ConversationEntity,
    change: { assigneeId: string | null; teamId: string; actorId: string | null; reason: string },
  ): Promise<DomainEvent[]> {
    if (change.assigneeId === conversation.assigneeId && change.teamId === conversation.teamId) return [];
    // Another team's SLA targets apply from now on: the due time is dropped for routing to compute it again.
    const newTeam = change.teamId !== conversation.teamId ? { slaKind: null, slaDueAt: null, slaStartedAt: null } : {};
    await manager.update(ConversationEntity, { id: conversation.id }, { assigneeId: change.assigneeId, teamId: change.teamId, ...newTeam });
    await manager.insert(ConversationAssignmentEntity, {
      conversationId: conversation.id,
      assigneeId: change.assigneeId,
      previousAssigneeId: conversation.assigneeId,
      teamId: change.teamId,
      previousTeamId: conversation.teamId,
      actorId: change.actorId,
      reason: change.reason,
    });
    const payload = {
      conversationId: conversation.id,
      assigneeId: change.assigneeId,
      previousAssigneeId: conversation.assigneeId,
      teamId: change.teamId,
      previousTeamId: conversation.teamId,
      actorId: change.actorId,
    };
    const events: NewDomainEvent[] = [{ type: 'assignment.changed', teamId: change.teamId, conversationId: conversation.id, payload }];
    // The team that lost the conversation must hear about it too, or its inboxes would keep showing it.
    if (change.teamId !== conversation.teamId) events.push({ type: 'assignment.changed', teamId: conversation.teamId, conversationId: conversation.id, payload });
    events.push(await this.assignmentLine(manager, conversation, change));
    conversation.assigneeId = change.assigneeId;
    conversation.teamId = change.teamId;
    return this.eventLog.append(manager, events);
  }

  /**
   * Resolves, inside the caller's transaction, a conversation the caller has locked and may act on: the same change,
   * activity line and events as the resolve button, for changes that resolve as a consequence (blocking the number).
   * `lineData` says why on the activity line. The returned events are logged; publish them after the commit.
   */
  async resolveLocked(manager: EntityManager, actor: UserActor, conversation: ConversationEntity, reason: string, lineData: Record<string, unknown>): Promise<DomainEvent[]> {
    return this.applyStatus(manager, actor, conversation, ConversationStatus.Resolved, reason, undefined, lineData);
  }

  private async setStatus(actor: UserActor, conversationId: string, status: ConversationStatus, reason: string, snoozedUntil?: Date | null): Promise<ConversationView> {
    await this.change(actor, conversationId, (manager, conversation) => this.applyStatus(manager, actor, conversation, status, reason, snoozedUntil));
    return this.conversations.get(actor, conversationId);
  }

  private async applyStatus(
    manager: EntityManager,
    actor: UserActor,
    conversation: ConversationEntity,
    status: ConversationStatus,
    reason: string,
    snoozedUntil?: Date | null,
    lineData: Record<string, unknown> = {},
  ): Promise<DomainEvent[]> {
    if (conversation.status === status && status !== ConversationStatus.Snoozed) return [];
    const now = new Date();
    try {
      await manager.update(
        ConversationEntity,
        { id: conversation.id },
        {
          status,
          snoozedUntil: status === ConversationStatus.Snoozed ? snoozedUntil : null,
          resolvedAt: status === ConversationStatus.Resolved ? now : null,
          ...(status === ConversationStatus.Resolved ? { unreadCount: 0, waitingSince: null } : {}),
          // Pending means the next move is the customer's: nobody is waiting for us any more.
          ...(status === ConversationStatus.Pending ? { waitingSince: null } : {}),
        },
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict('The customer already has another open conversation on this channel; continue there');
      throw error;
    }
    const line = await this.activity.record(manager, {
      conversationId: conversation.id,
      teamId: conversation.teamId,
      type: STATUS_ACTIVITY[status],
      actorKind: 'user',
      actorId: actor.userId,
      data: status === ConversationStatus.Snoozed ? { until: snoozedUntil?.toISOString() ?? null, ...lineData } : lineData,
    });
    return this.eventLog.append(manager, [this.updatedEvent(conversation, status, reason), line]);
  }

  /** The line of a change of hands, with the names the console shows, read in the same transaction. */
  private async assignmentLine(
    manager: EntityManager,
    before: { id: string; assigneeId: string | null; teamId: string },
    change: { assigneeId: string | null; teamId: string; actorId: string | null; reason: string },
  ): Promise<NewDomainEvent> {
    const [names]: Array<{ assignee: string | null; previous_assignee: string | null; team: string | null; previous_team: string | null }> = await manager.query(
      `SELECT (SELECT name FROM app_user WHERE id = $1) AS assignee, (SELECT name FROM app_user WHERE id = $2) AS previous_assignee,
              (SELECT name FROM team WHERE id = $3) AS team, (SELECT name FROM team WHERE id = $4) AS previous_team`,
      [change.assigneeId, before.assigneeId, change.teamId, before.teamId],
    );
    return this.activity.record(manager, {
      conversationId: before.id,
      teamId: change.teamId,
      type: change.teamId === before.teamId ? ActivityType.Assigned : ActivityType.Transferred,
      // Without a person it was routing (queues, offline release) or an automation rule.
      actorKind: change.actorId ? 'user' : change.reason === 'rule' ? 'automation' : 'system',
      actorId: change.actorId,
      data: {
        reason: change.reason,
        fromTeamId: before.teamId,
        fromTeamName: names.previous_team,
        toTeamId: change.teamId,
        toTeamName: names.team,
        assigneeId: change.assigneeId,
        assigneeName: names.assignee,
        previousAssigneeId: before.assigneeId,
        previousAssigneeName: names.previous_assignee,
      },
    });
  }

  /** Locks the conversation, checks the access rule, runs `work` (which logs its events) and publishes after commit. */
  private async change(actor: UserActor, conversationId: string, work: (manager: EntityManager, conversation: ConversationEntity) => Promise<DomainEvent[]>): Promise<void> {
    const events = await this.dataSource.transaction(async (manager) => {
      const conversation = await manager.findOne(ConversationEntity, { where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
      if (!conversation || !AccessPolicy.canSeeConversation(actor, conversation)) throw DomainError.notFound('Conversation');
      return work(manager, conversation);
    });
    this.eventLog.publish(events);
  }

  private updatedEvent(conversation: ConversationEntity, status: ConversationStatus, reason: string): NewDomainEvent<'conversation.updated'> {
    return { type: 'conversation.updated', teamId: conversation.teamId, conversationId: conversation.id, payload: { conversationId: conversation.id, status, previousStatus: conversation.status, reason } };
  }

  private async writeNote(manager: EntityManager, conversation: ConversationEntity, actor: UserActor, body: string): Promise<{ note: MessageEntity; events: DomainEvent[] }> {
    if (!body) throw DomainError.validation('A note needs some text');
    const now = new Date();
    const note = await manager.save(
      manager.create(MessageEntity, {
        conversationId: conversation.id,
        channelId: conversation.channelId,
        direction: MessageDirection.Internal,
        kind: MessageKind.Note,
        authorId: actor.userId,
        status: MessageStatus.Note,
        body,
        encoding: 'GSM-7',
        segments: 0,
        media: [],
        sentAt: now,
      }),
    );
    const events = await this.eventLog.append(manager, [
      { type: 'message.created', teamId: conversation.teamId, conversationId: conversation.id, payload: { messageId: note.id, conversationId: conversation.id, channelId: conversation.channelId, kind: MessageKind.Note } },
    ]);
    return { note, events };
  }

  private async requireTeam(manager: EntityManager, teamId: string): Promise<void> {
    const [team]: Array<{ id: string }> = await manager.query(`SELECT id FROM team WHERE id = $1`, [teamId]);
    if (!team) throw DomainError.validation('That team does not exist');
  }

  /** Only an active member of the team (or an admin, who works in every team) can hold one of its conversations. */
  private async requireAssignable(manager: EntityManager, userId: string, teamId: string): Promise<void> {
    const [user]: Array<{ role: Role; active: boolean; member: boolean }> = await manager.query(
      `SELECT u.role, u.active, EXISTS (SELECT 1 FROM team_member tm WHERE tm.user_id = u.id AND tm.team_id = $2) AS member FROM app_user u WHERE u.id = $1`,
      [userId, teamId],
    );
    // One answer for every refusal: telling "not in that team" from "no such agent" would confirm other teams' user ids.
    if (!user || !user.active || (!user.member && user.role !== Role.Admin)) throw DomainError.validation('That agent is not a member of the conversation’s team, or is deactivated');
  }
}
