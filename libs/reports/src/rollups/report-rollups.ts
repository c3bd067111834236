import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { ResolvedRange } from '../metrics/report-range';

/** Hours recomputed per call: a busy hour is a few thousand messages, so a call stays well under a second. */
export const HOURS_PER_REFRESH = 48;

/**
 * True when every local hour of the range is one UTC hour, so hourly rollup rows fall on one local day and hour
 * (zones such as India's or Nepal's are offset by 30 or 45 minutes, and their reports count from the messages).
 */
export function rollupFitsZone(range: ResolvedRange): boolean {
  // Checked weekly through the range, not just at its ends: Lord Howe Island is +11:00 in summer but +10:30 for half
  // the year, so a range from one summer to the next has whole-hour ends and half-hour months between them.
  const instants: Date[] = [range.to];
  for (let time = range.from.getTime(); time < range.to.getTime(); time += WEEK_MS) instants.push(new Date(time));
  return instants.every((instant) => offsetMinutes(instant, range.timeZone) % 60 === 0);
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

function offsetMinutes(instant: Date, timeZone: string): number {
  return DateTime.fromJSDate(instant, { zone: timeZone }).offset;
}

/** The hours a report reads from the messages: those marked as changed, and the partial hours at the range's edges. */
function rawHoursSql(from: string, to: string): string {
  return `(
      SELECT DISTINCT d.hour FROM report_dirty_hour d WHERE d.hour >= date_trunc('hour', ${from}::timestamptz) AND d.hour < ${to}::timestamptz
      UNION SELECT date_trunc('hour', ${from}::timestamptz)
      UNION SELECT date_trunc('hour', ${to}::timestamptz))`;
}

/**
 * Rows of message volume in [from, to) as a subquery with the columns `at` (an instant: the message's time, or the
 * start of a rollup hour), `team_id`, `channel_id`, `assignee_id` (the conversation's), `direction`, `kind`,
 * `messages`, `segments` and `cost`. Whole hours nobody changed since the last refresh come from
 * `report_message_hour`; the partial hours at the range's edges and hours marked as changed are counted from the
 * messages themselves, so the sum is exact whatever the refresh has caught up with. `$from` and `$to` are the
 * placeholders of the range's bounds. Only for reports split or filtered by the conversation's agent: the others read
 * deliveryVolumeSql, many times smaller.
 */
export function messageVolumeSql(from: string, to: string, useRollup: boolean): string {
  const columns = 'm.sent_at AS at, m.team_id, m.channel_id, m.assignee_id, m.direction, m.kind, 1 AS messages, m.segments, m.cost';
  if (!useRollup) return `(SELECT ${columns} FROM report_raw_messages(${from}::timestamptz, ${to}::timestamptz) m)`;
  const rawHours = rawHoursSql(from, to);
  return `(
    SELECT r.hour AS at, r.team_id, r.channel_id, r.assignee_id, r.direction, r.kind, r.messages, r.segments, r.cost
      FROM report_message_hour r
     WHERE r.hour >= ${from}::timestamptz AND r.hour < ${to}::timestamptz AND r.hour NOT IN ${rawHours}
    UNION ALL
    SELECT ${columns}
      FROM ${rawHours} h
      CROSS JOIN LATERAL report_raw_messages(greatest(h.hour, ${from}::timestamptz), least(h.hour + interval '1 hour', ${to}::timestamptz)) m)`;
}

/**
 * Like messageVolumeSql, without the conversation's agent, with the writing agent (of agent replies), the provider's
 * error code and reason, and the delivery outcomes (`delivered`, `failed`): from `report_delivery_hour` and, for
 * marked and partial hours, the messages.
 */
export function deliveryVolumeSql(from: string, to: string, useRollup: boolean): string {
  const columns = `m.sent_at AS at, m.team_id, m.channel_id, m.direction, m.kind, m.author_id, m.error_code, m.error_reason, 1 AS messages, m.segments, m.cost, m.delivered, m.failed`;
  if (!useRollup) return `(SELECT ${columns} FROM report_raw_delivery(${from}::timestamptz, ${to}::timestamptz) m)`;
  const rawHours = rawHoursSql(from, to);
  return `(
    SELECT r.hour AS at, r.team_id, r.channel_id, r.direction, r.kind, r.author_id, r.error_code, r.error_reason, r.messages, r.segments, r.cost, r.delivered, r.failed
      FROM report_delivery_hour r
     WHERE r.hour >= ${from}::timestamptz AND r.hour < ${to}::timestamptz AND r.hour NOT IN ${rawHours}
    UNION ALL
    SELECT ${columns}
      FROM ${rawHours} h
      CROSS JOIN LATERAL report_raw_delivery(greatest(h.hour, ${from}::timestamptz), least(h.hour + interval '1 hour', ${to}::timestamptz)) m)`;
}

/** Brings the hourly rollup up to date with the hours marked as changed (see the ReportRollups migration). */
@Injectable()
export class ReportRollupsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Recomputes up to `maxHours` marked hours; 0 when nothing was marked or another process is refreshing. */
  async refresh(maxHours = HOURS_PER_REFRESH): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ hours: number }>>(`SELECT report_refresh_rollups($1) AS hours`, [maxHours]);
    return row.hours;
  }
}
