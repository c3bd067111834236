import { ActivityType, type BusinessHours, ConversationStatus, type SlaKind } from '@backtalk/contracts';
import { ConversationActivity } from '@backtalk/conversations';
import { EventLog, type NewDomainEvent } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { slaDueAt } from '@backtalk/business-hours';

interface StaleSlaRow {
  team_id: string;
  status: ConversationStatus;
  waiting_since: Date | null;
  answered_before: boolean;
  business_hours: BusinessHours | null;
  sla_first_response_minutes: number | null;
  sla_next_response_minutes: number | null;
  sla_business_hours_only: boolean;
}

/**
 * A due time is computed when the customer starts to wait (for the first answer of the conversation, or the next one)
 * and cleared when they are answered or the conversation leaves the open state. It is kept with the `waitingSince`
 * it was computed from, so a new wait always gets a new due time.
 */
const STALE_CONDITION = `
   (c.status = 'open' AND c.waiting_since IS NOT NULL
    AND (t.sla_first_response_minutes IS NOT NULL OR t.sla_next_response_minutes IS NOT NULL)
    AND c.sla_started_at IS DISTINCT FROM c.waiting_since)
OR (c.sla_started_at IS NOT NULL AND (c.status <> 'open' OR c.waiting_since IS NULL))`;

const STALE_SLA_SQL = `SELECT c.id FROM conversation c JOIN team t ON t.id = c.team_id WHERE ${STALE_CONDITION} LIMIT 500`;

const LOCKED_SLA_SQL = `
SELECT c.id, c.team_id, c.status, c.waiting_since,
       EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id AND m.kind = 'agent') AS answered_before,
       t.business_hours, t.sla_first_response_minutes, t.sla_next_response_minutes, t.sla_business_hours_only
FROM conversation c JOIN team t ON t.id = c.team_id
WHERE c.id = $1 AND (${STALE_CONDITION})
FOR UPDATE OF c`;

@Injectable()
export class SlaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventLog: EventLog,
    private readonly activity: ConversationActivity,
  ) {}

  /** Brings due times in line with who is waiting now; returns how many conversations changed. */
  async refreshDueTimes(): Promise<number> {
    const stale = await this.dataSource.query<Array<{ id: string }>>(STALE_SLA_SQL);
    let changed = 0;
    for (const { id } of stale) {
      const events = await this.dataSource.transaction(async (manager) => {
        // Read again under the row lock: a reply or a new message since the scan must not be overwritten.
        const [row] = await manager.query<StaleSlaRow[]>(LOCKED_SLA_SQL, [id]);
        if (!row) return [];
        const running = row.status === ConversationStatus.Open && row.waiting_since !== null;
        const kind: SlaKind = row.answered_before ? 'next_response' : 'first_response';
        const targets = { firstResponseMinutes: row.sla_first_response_minutes, nextResponseMinutes: row.sla_next_response_minutes, businessHoursOnly: row.sla_business_hours_only };
        const due = running ? slaDueAt(row.business_hours, targets, kind, row.waiting_since!) : null;
        // sla_started_at copies the column itself: PostgreSQL keeps microseconds that a JavaScript Date would lose.
        await manager.query(
          `UPDATE conversation SET sla_kind = $2, sla_due_at = $3, sla_started_at = CASE WHEN $4::boolean THEN waiting_since END, updated_at = now() WHERE id = $1`,
          [id, due ? kind : null, due, running],
        );
        return this.eventLog.append(manager, [this.changed(id, row.team_id, row.status, 'sla_changed')]);
      });
      this.eventLog.publish(events);
      changed += events.length;
    }
    return changed;
  }

  /** Records every due time that passed while the customer still waits, once each. */
  async recordBreaches(): Promise<number> {
    const events = await this.dataSource.transaction(async (manager) => {
      const breached = await manager.query<Array<{ conversation_id: string; team_id: string; status: ConversationStatus; kind: SlaKind }>>(
        `INSERT INTO sla_breach (conversation_id, team_id, kind, due_at)
         SELECT c.id, c.team_id, c.sla_kind, c.sla_due_at FROM conversation c
         WHERE c.sla_due_at <= now() AND c.status = 'open' AND c.waiting_since IS NOT NULL
         ON CONFLICT (conversation_id, kind, due_at) DO NOTHING
         RETURNING conversation_id, team_id, 'open'::conversation_status AS status, kind`,
      );
      const lines = await this.activity.recordMany(
        manager,
        breached.map((row) => ({ conversationId: row.conversation_id, teamId: row.team_id, type: ActivityType.SlaBreached, actorKind: 'system' as const, data: { kind: row.kind } })),
      );
      const events: NewDomainEvent[] = breached.flatMap((row, index) => [this.changed(row.conversation_id, row.team_id, row.status, 'sla_breached'), lines[index]]);
      return this.eventLog.append(manager, events);
    });
    this.eventLog.publish(events);
    return events.filter((event) => event.type === 'conversation.updated').length;
  }

  private changed(conversationId: string, teamId: string, status: ConversationStatus, reason: string): NewDomainEvent<'conversation.updated'> {
    return { type: 'conversation.updated', teamId, conversationId, payload: { conversationId, status, previousStatus: status, reason } };
  }
}
