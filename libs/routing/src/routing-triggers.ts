import { ConversationStatus, type DomainEvent } from '@backtalk/contracts';
import { ConversationEntity } from '@backtalk/conversations';
import { EventLog } from '@backtalk/platform';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AssignmentService } from './assignment/assignment.service';
import { OutOfOfficeService } from './out-of-office/out-of-office.service';
import { SnoozeAlarms } from './snooze/snooze-alarms';

/** Runs one stored customer message through automation; says whether it was answered automatically. */
export type InboundAutomation = (messageId: string) => Promise<{ replied: boolean }>;

/**
 * Routing reacts to changes in the process that made them, right after they commit: a new or reopened conversation
 * is queued and drained, freed capacity pulls the next one, a snooze sets its alarm, a message outside business hours
 * gets its out-of-office reply. Whatever a crash interrupts here, the worker's routing sweep does a moment later.
 */
@Injectable()
export class RoutingTriggers implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RoutingTriggers.name);
  /** One drain per team at a time in this process; a request during a drain runs it once more afterwards. */
  private readonly draining = new Map<string, { again: boolean; done: Promise<void> }>();
  private unsubscribe: (() => void) | null = null;
  private inboundAutomation: InboundAutomation | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventLog: EventLog,
    private readonly assignment: AssignmentService,
    private readonly snoozes: SnoozeAlarms,
    private readonly outOfOffice: OutOfOfficeService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.eventLog.subscribe((event) => {
      this.react(event).catch((error: unknown) => this.logger.warn({ err: error, type: event.type, seq: event.seq }, 'routing could not react to a change; the sweep will'));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await Promise.allSettled([...this.draining.values()].map((drain) => drain.done));
  }

  /**
   * Automation (rules, FAQ auto-replies) runs on each customer message before routing looks at the conversation, so
   * an answered question does not take an agent's place first. Registered by the automation module; routing does not
   * depend on it.
   */
  useInboundAutomation(handler: InboundAutomation): void {
    this.inboundAutomation = handler;
  }

  drainSoon(teamId: string): void {
    this.drain(teamId).catch((error: unknown) => this.logger.warn({ err: error, teamId }, 'could not drain a team queue; the sweep will'));
  }

  drain(teamId: string): Promise<void> {
    const running = this.draining.get(teamId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.assignment.drainTeam(teamId);
        } while (state.again);
      } finally {
        this.draining.delete(teamId);
      }
    })();
    this.draining.set(teamId, state);
    return state.done;
  }

  private async react(event: DomainEvent): Promise<void> {
    switch (event.type) {
      case 'conversation.created':
        // A customer's new conversation is routed after its first message went through automation (below); one an
        // agent started is theirs already; one a notification started waits for the customer (pending).
        return;
      case 'message.received': {
        const { messageId, conversationId, blocked } = event.payload as DomainEvent<'message.received'>['payload'];
        // The team blocked this contact: the message is kept, nothing answers, routes or queues it.
        if (blocked) return;
        const answered = this.inboundAutomation ? await this.inboundAutomation(messageId).catch((error: unknown) => {
          this.logger.warn({ err: error, messageId }, 'automation failed on a message; it stays in the queue for a person');
          return { replied: false };
        }) : { replied: false };
        if (!answered.replied && event.teamId) await this.outOfOffice.answerIfClosed(event.teamId, conversationId);
        if (event.teamId) this.drainSoon(event.teamId);
        return;
      }
      case 'conversation.updated': {
        const payload = (event as DomainEvent<'conversation.updated'>).payload;
        // Snoozing again (snoozed to snoozed) sets a new alarm too; the old one finds a different time and does nothing.
        if (payload.status === ConversationStatus.Snoozed) await this.setSnoozeAlarm(payload.conversationId);
        if (payload.status !== payload.previousStatus && event.teamId) this.drainSoon(event.teamId);
        return;
      }
      case 'assignment.changed': {
        const payload = (event as DomainEvent<'assignment.changed'>).payload;
        // Only the copy addressed to the conversation's new team acts; the one for the team it left is for inboxes.
        if (event.teamId !== payload.teamId) return;
        const movedTeams = payload.previousTeamId !== payload.teamId;
        // Handing a waiting conversation to someone frees nobody's capacity; the drains' own assignments are like that.
        if (payload.assigneeId === null || payload.previousAssigneeId !== null || movedTeams) this.drainSoon(payload.teamId);
        if (movedTeams) this.drainSoon(payload.previousTeamId);
        return;
      }
      default:
    }
  }

  private async setSnoozeAlarm(conversationId: string): Promise<void> {
    const conversation = await this.dataSource.getRepository(ConversationEntity).findOne({ select: { id: true, status: true, snoozedUntil: true }, where: { id: conversationId } });
    if (conversation?.status === ConversationStatus.Snoozed && conversation.snoozedUntil) await this.snoozes.schedule(conversationId, conversation.snoozedUntil);
  }
}
