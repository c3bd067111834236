import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Message volume per hour for reports: summing a few hundred thousand rollup rows is what keeps a 90-day report under
 * a second on a million messages, where grouping the messages themselves (joined to their conversations) is not.
 *
 * Correctness never waits for a refresh. Every statement that changes what a rollup row counts (a message inserted,
 * deleted or edited in its time, kind, size, cost or conversation; a conversation moved to another team, channel or
 * assignee) writes a mark for each hour it touched, in its own transaction. Reports read the rollup only for hours
 * without a mark and count marked hours (and the partial hours at a range's edges) from the messages. Marks are never
 * deduplicated: a mark belongs to the transaction that wrote it, so `report_refresh_rollups` can take away only
 * marks whose changes had committed before it recomputes their hours, in a later statement that sees those changes.
 * A change still in flight keeps its own mark and its hour stays read from the messages until the next refresh.
 * Delivery status is not part of the rollup, so late delivery reports mark nothing.
 */
export class ReportRollups1765200200000 implements MigrationInterface {
  name = 'ReportRollups1765200200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_message_hour (
        hour timestamptz NOT NULL,
        team_id uuid NOT NULL,
        channel_id uuid NOT NULL,
        assignee_id uuid,
        direction message_direction NOT NULL,
        kind message_kind NOT NULL,
        messages integer NOT NULL,
        segments integer NOT NULL,
        cost numeric(16, 5) NOT NULL
      )`);
    // Covering, so a report's range is an index-only scan of the rollup.
    await queryRunner.query(`CREATE INDEX ix_report_message_hour ON report_message_hour (hour) INCLUDE (team_id, channel_id, assignee_id, direction, kind, messages, segments, cost)`);
    await queryRunner.query(`CREATE TABLE report_dirty_hour (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, hour timestamptz NOT NULL)`);
    await queryRunner.query(`CREATE INDEX ix_report_dirty_hour ON report_dirty_hour (hour)`);

    await queryRunner.query(`
      CREATE FUNCTION report_mark_message_hours() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO report_dirty_hour (hour) SELECT DISTINCT date_trunc('hour', sent_at) FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO report_dirty_hour (hour) SELECT DISTINCT date_trunc('hour', sent_at) FROM old_rows;
        ELSE
          -- Delivery reports and metadata change nothing a rollup counts; only these columns do.
          INSERT INTO report_dirty_hour (hour)
          SELECT DISTINCT date_trunc('hour', moved.sent_at)
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            CROSS JOIN LATERAL (VALUES (n.sent_at), (o.sent_at)) AS moved (sent_at)
           WHERE (n.sent_at, n.direction, n.kind, n.segments, n.estimated_cost, n.conversation_id, n.channel_id)
                 IS DISTINCT FROM (o.sent_at, o.direction, o.kind, o.segments, o.estimated_cost, o.conversation_id, o.channel_id);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER report_message_inserted AFTER INSERT ON message REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_message_hours()`);
    await queryRunner.query(`CREATE TRIGGER report_message_deleted AFTER DELETE ON message REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_message_hours()`);
    await queryRunner.query(
      `CREATE TRIGGER report_message_updated AFTER UPDATE ON message REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_message_hours()`,
    );

    await queryRunner.query(`
      CREATE FUNCTION report_mark_conversation_hours() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_dirty_hour (hour)
        SELECT DISTINCT date_trunc('hour', m.sent_at)
          FROM new_rows n JOIN old_rows o ON o.id = n.id
          JOIN message m ON m.conversation_id = n.id
         WHERE (n.team_id, n.channel_id, n.assignee_id) IS DISTINCT FROM (o.team_id, o.channel_id, o.assignee_id);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER report_conversation_moved AFTER UPDATE ON conversation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_conversation_hours()`,
    );

    // One refresher at a time (others return 0 at once); at most max_hours hours per call, oldest marks first.
    await queryRunner.query(`
      CREATE FUNCTION report_refresh_rollups(max_hours integer) RETURNS integer LANGUAGE plpgsql AS $$
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
        RETURN cardinality(hours);
      END $$`);

    // The messages of one stretch of time with their conversation's team and agent, for the hours reports read raw.
    // PL/pgSQL so the planner cannot inline it: it plans each call for its own bounds, and the caller's plan counts on
    // ROWS rather than guessing from a range whose bounds come from another table.
    await queryRunner.query(`
      CREATE FUNCTION report_raw_messages(from_at timestamptz, to_at timestamptz)
      RETURNS TABLE (sent_at timestamptz, team_id uuid, channel_id uuid, assignee_id uuid, direction message_direction, kind message_kind, segments integer, cost numeric)
      LANGUAGE plpgsql STABLE ROWS 1000 AS $$
      BEGIN
        RETURN QUERY
          SELECT m.sent_at, c.team_id, m.channel_id, c.assignee_id, m.direction, m.kind, m.segments::integer, COALESCE(m.estimated_cost, 0)::numeric
            FROM message m JOIN conversation c ON c.id = m.conversation_id
           WHERE m.sent_at >= from_at AND m.sent_at < to_at;
      END $$`);

    // Existing history: every hour with messages starts marked, so reports stay exact until the first refresh fills it.
    await queryRunner.query(`INSERT INTO report_dirty_hour (hour) SELECT DISTINCT date_trunc('hour', sent_at) FROM message`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER report_conversation_moved ON conversation`);
    await queryRunner.query(`DROP TRIGGER report_message_updated ON message`);
    await queryRunner.query(`DROP TRIGGER report_message_deleted ON message`);
    await queryRunner.query(`DROP TRIGGER report_message_inserted ON message`);
    await queryRunner.query(`DROP FUNCTION report_raw_messages(timestamptz, timestamptz)`);
    await queryRunner.query(`DROP FUNCTION report_refresh_rollups(integer)`);
    await queryRunner.query(`DROP FUNCTION report_mark_conversation_hours()`);
    await queryRunner.query(`DROP FUNCTION report_mark_message_hours()`);
    await queryRunner.query(`DROP TABLE report_dirty_hour`);
    await queryRunner.query(`DROP TABLE report_message_hour`);
  }
}
