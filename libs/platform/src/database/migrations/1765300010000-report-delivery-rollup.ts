import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second hourly rollup beside report_message_hour, without the conversation's agent: per hour, team, channel,
 * direction, kind, writing agent and provider error code, the messages, segments, cost and delivery outcomes. Split
 * by the conversation's agent, an hour of a busy install is nearly one row per message; without that split a month is
 * a few tens of thousands of rows, which is what keeps volume, heatmap and delivery reports fast.
 *
 * It lives by the rules of the first rollup (see ReportRollups): the same hour marks, the same refresh, reports reading
 * marked and partial hours from the messages. Delivery outcomes are counted here, so a delivery report that changes
 * a message's status (or its error code) now marks its hour too.
 */
export class ReportDeliveryRollup1765300010000 implements MigrationInterface {
  name = 'ReportDeliveryRollup1765300010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_delivery_hour (
        hour timestamptz NOT NULL,
        team_id uuid NOT NULL,
        channel_id uuid NOT NULL,
        direction message_direction NOT NULL,
        kind message_kind NOT NULL,
        author_id uuid,
        error_code varchar(32),
        error_reason varchar(300),
        messages integer NOT NULL,
        segments integer NOT NULL,
        cost numeric(16, 5) NOT NULL,
        delivered integer NOT NULL,
        failed integer NOT NULL,
        CONSTRAINT report_delivery_hour_outcomes CHECK (delivered + failed <= messages)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_report_delivery_hour ON report_delivery_hour (hour) INCLUDE (team_id, channel_id, direction, kind, author_id, error_code, messages, segments, cost, delivered, failed)`,
    );

    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION report_mark_message_hours() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO report_dirty_hour (hour) SELECT DISTINCT date_trunc('hour', sent_at) FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO report_dirty_hour (hour) SELECT DISTINCT date_trunc('hour', sent_at) FROM old_rows;
        ELSE
          -- Metadata and bodies change nothing a rollup counts; these columns, a delivery outcome among them, do.
          INSERT INTO report_dirty_hour (hour)
          SELECT DISTINCT date_trunc('hour', moved.sent_at)
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            CROSS JOIN LATERAL (VALUES (n.sent_at), (o.sent_at)) AS moved (sent_at)
           WHERE (n.sent_at, n.direction, n.kind, n.segments, n.estimated_cost, n.conversation_id, n.channel_id, n.author_id, n.status, n.error_code)
                 IS DISTINCT FROM (o.sent_at, o.direction, o.kind, o.segments, o.estimated_cost, o.conversation_id, o.channel_id, o.author_id, o.status, o.error_code);
        END IF;
        RETURN NULL;
      END $$`);

    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION report_refresh_rollups(max_hours integer) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE
        hours timestamptz[];
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext('report_refresh_rollups')) THEN
          RETURN 0;
        END IF;
        WITH picked AS (SELECT DISTINCT hour FROM report_dirty_hour ORDER BY hour LIMIT max_hours),
             taken AS (DELETE FROM report_dirty_hour d USING picked p WHERE d.hour = p.hour RETURNING d.hour)
        SELECT array_agg(DISTINCT hour) INTO hours FROM taken;
        IF hours IS NULL THEN
          RETURN 0;
        END IF;
        -- A new statement, so a new snapshot: every change whose mark was just taken had committed before it.
        DELETE FROM report_message_hour WHERE hour = ANY (hours);
        INSERT INTO report_message_hour (hour, team_id, channel_id, assignee_id, direction, kind, messages, segments, cost)
        SELECT h.hour, c.team_id, m.channel_id, c.assignee_id, m.direction, m.kind, count(*), COALESCE(sum(m.segments), 0), COALESCE(sum(m.estimated_cost), 0)
          FROM unnest(hours) AS h (hour)
          JOIN message m ON m.sent_at >= h.hour AND m.sent_at < h.hour + interval '1 hour'
          JOIN conversation c ON c.id = m.conversation_id
         GROUP BY 1, 2, 3, 4, 5, 6;
        DELETE FROM report_delivery_hour WHERE hour = ANY (hours);
        INSERT INTO report_delivery_hour (hour, team_id, channel_id, direction, kind, author_id, error_code, error_reason, messages, segments, cost, delivered, failed)
        SELECT h.hour, m.team_id, m.channel_id, m.direction, m.kind, m.author_id, m.error_code, max(m.error_reason), count(*), sum(m.segments), sum(m.cost), sum(m.delivered), sum(m.failed)
          FROM unnest(hours) AS h (hour)
          CROSS JOIN LATERAL report_raw_delivery(h.hour, h.hour + interval '1 hour') m
         GROUP BY 1, 2, 3, 4, 5, 6, 7;
        RETURN cardinality(hours);
      END $$`);

    // The messages of one stretch of time as the delivery rollup counts them (see report_raw_messages for why PL/pgSQL).
    await queryRunner.query(`
      CREATE FUNCTION report_raw_delivery(from_at timestamptz, to_at timestamptz)
      RETURNS TABLE (sent_at timestamptz, team_id uuid, channel_id uuid, direction message_direction, kind message_kind, author_id uuid, error_code varchar, error_reason varchar,
                     segments integer, cost numeric, delivered integer, failed integer)
      LANGUAGE plpgsql STABLE ROWS 1000 AS $$
      BEGIN
        RETURN QUERY
          SELECT m.sent_at, c.team_id, m.channel_id, m.direction, m.kind, CASE WHEN m.kind = 'agent' THEN m.author_id END, m.error_code, m.error_reason,
                 m.segments::integer, COALESCE(m.estimated_cost, 0)::numeric,
                 (m.status = 'delivered')::integer, (m.status IN ('undelivered', 'failed'))::integer
            FROM message m JOIN conversation c ON c.id = m.conversation_id
           WHERE m.sent_at >= from_at AND m.sent_at < to_at;
      END $$`);

    // Every hour with messages is marked, so the next refresh fills the new rollup; reports stay exact until then.
    await queryRunner.query(`INSERT INTO report_dirty_hour (hour) SELECT DISTINCT date_trunc('hour', sent_at) FROM message`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION report_refresh_rollups(max_hours integer) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE
        hours timestamptz[];
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext('report_refresh_rollups')) THEN
          RETURN 0;
        END IF;
        WITH picked AS (SELECT DISTINCT hour FROM report_dirty_hour ORDER BY hour LIMIT max_hours),
             taken AS (DELETE FROM report_dirty_hour d USING picked p WHERE d.hour = p.hour RETURNING d.hour)
        SELECT array_agg(DISTINCT hour) INTO hours FROM taken;
        IF hours IS NULL THEN
          RETURN 0;
        END IF;
        DELETE FROM report_message_hour WHERE hour = ANY (hours);
        INSERT INTO report_message_hour (hour, team_id, channel_id, assignee_id, direction, kind, messages, segments, cost)
        SELECT h.hour, c.team_id, m.channel_id, c.assignee_id, m.direction, m.kind, count(*), COALESCE(sum(m.segments), 0), COALESCE(sum(m.estimated_cost), 0)
          FROM unnest(hours) AS h (hour)
          JOIN message m ON m.sent_at >= h.hour AND m.sent_at < h.hour + interval '1 hour'
          JOIN conversation c ON c.id = m.conversation_id
         GROUP BY 1, 2, 3, 4, 5, 6;
        RETURN cardinality(hours);
      END $$`);
    await queryRunner.query(`DROP FUNCTION report_raw_delivery(timestamptz, timestamptz)`);
    await queryRunner.query(`DROP TABLE report_delivery_hour`);
  }
}
