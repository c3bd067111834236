import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What reports measure per conversation, kept as rows so a 90-day report sums indexed rows instead of walking every
 * thread: its first response and SLA outcome (`report_conversation_fact`), every wait and resolution with its duration
 * in calendar and in business time (`report_wait`), and every automatic reply with whether the customer wrote again
 * within 24 hours (`report_auto_reply`).
 *
 * The rows are computed in the application from each conversation's whole timeline (libs/reports, facts), because
 * business time needs the team's schedule and holidays. Every statement that changes what they are computed from (a
 * message, a resolve or reopen, an SLA breach, a conversation moved or a team's schedule changed) marks the
 * conversations it touched, in its own transaction. A refresh takes marks and recomputes their conversations in one
 * transaction, in a statement after the one that took the marks, so it sees every change whose mark it took. Reports
 * refresh what is marked before they read, so they are never behind; the worker refreshes too, so that little is left.
 */
export class ReportFacts1765300000000 implements MigrationInterface {
  name = 'ReportFacts1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_conversation_fact (
        conversation_id uuid PRIMARY KEY REFERENCES conversation (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        team_id uuid NOT NULL,
        channel_id uuid NOT NULL,
        assignee_id uuid,
        first_customer_at timestamptz,
        first_reply_at timestamptz,
        first_reply_author_id uuid,
        first_reply_by_agent boolean NOT NULL,
        first_response_seconds double precision,
        first_response_business_seconds double precision,
        auto_replied boolean NOT NULL,
        agent_replied boolean NOT NULL,
        first_breached boolean NOT NULL,
        next_breached boolean NOT NULL,
        wrote_again_after_reply boolean NOT NULL,
        CONSTRAINT report_conversation_fact_reply_after_customer CHECK (first_reply_at IS NULL OR first_reply_at >= first_customer_at),
        CONSTRAINT report_conversation_fact_seconds_with_reply CHECK ((first_reply_at IS NULL) = (first_response_seconds IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_report_conversation_fact_created ON report_conversation_fact (created_at) INCLUDE (team_id, channel_id, assignee_id, first_reply_at, first_response_seconds, first_response_business_seconds, auto_replied, agent_replied, first_breached, next_breached, wrote_again_after_reply)`,
    );

    await queryRunner.query(`
      CREATE TABLE report_wait (
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT report_wait_kind_check CHECK (kind IN ('first_response', 'next_response', 'resolution')),
        started_at timestamptz NOT NULL,
        seconds double precision NOT NULL CHECK (seconds >= 0),
        business_seconds double precision NOT NULL CHECK (business_seconds >= 0 AND business_seconds <= seconds + 1),
        responder_id uuid,
        team_id uuid NOT NULL,
        channel_id uuid NOT NULL,
        assignee_id uuid
      )`);
    await queryRunner.query(`CREATE INDEX ix_report_wait_started ON report_wait (started_at) INCLUDE (kind, seconds, business_seconds, responder_id, team_id, channel_id, assignee_id)`);
    await queryRunner.query(`CREATE INDEX ix_report_wait_conversation ON report_wait (conversation_id)`);

    await queryRunner.query(`
      CREATE TABLE report_auto_reply (
        message_id uuid PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        sent_at timestamptz NOT NULL,
        faq_id uuid,
        wrote_again boolean NOT NULL,
        team_id uuid NOT NULL,
        channel_id uuid NOT NULL,
        assignee_id uuid
      )`);
    await queryRunner.query(`CREATE INDEX ix_report_auto_reply_sent ON report_auto_reply (sent_at) INCLUDE (faq_id, wrote_again, team_id, channel_id, assignee_id)`);
    await queryRunner.query(`CREATE INDEX ix_report_auto_reply_conversation ON report_auto_reply (conversation_id)`);

    await queryRunner.query(`CREATE TABLE report_fact_mark (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, conversation_id uuid NOT NULL)`);

    await queryRunner.query(`
      CREATE FUNCTION report_mark_message_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO report_fact_mark (conversation_id) SELECT DISTINCT conversation_id FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO report_fact_mark (conversation_id) SELECT DISTINCT conversation_id FROM old_rows;
        ELSE
          -- Delivery reports change nothing a fact is computed from; only these do (a scheduled message counts once sent).
          INSERT INTO report_fact_mark (conversation_id)
          SELECT DISTINCT moved.conversation_id
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            CROSS JOIN LATERAL (VALUES (n.conversation_id), (o.conversation_id)) AS moved (conversation_id)
           WHERE (n.sent_at, n.direction, n.kind, n.author_id, n.conversation_id, n.metadata ->> 'faqId', n.status IN ('scheduled', 'cancelled'))
                 IS DISTINCT FROM (o.sent_at, o.direction, o.kind, o.author_id, o.conversation_id, o.metadata ->> 'faqId', o.status IN ('scheduled', 'cancelled'));
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER report_fact_message_inserted AFTER INSERT ON message REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_message_conversations()`);
    await queryRunner.query(`CREATE TRIGGER report_fact_message_deleted AFTER DELETE ON message REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_message_conversations()`);
    await queryRunner.query(
      `CREATE TRIGGER report_fact_message_updated AFTER UPDATE ON message REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_message_conversations()`,
    );

    await queryRunner.query(`
      CREATE FUNCTION report_mark_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO report_fact_mark (conversation_id) SELECT id FROM new_rows;
        ELSE
          INSERT INTO report_fact_mark (conversation_id)
          SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (n.team_id, n.channel_id, n.assignee_id, n.created_at) IS DISTINCT FROM (o.team_id, o.channel_id, o.assignee_id, o.created_at);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER report_fact_conversation_inserted AFTER INSERT ON conversation REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_conversations()`);
    await queryRunner.query(
      `CREATE TRIGGER report_fact_conversation_updated AFTER UPDATE ON conversation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_conversations()`,
    );

    // Resolves, reopens and breaches: any insert or delete of them (activity of other types changes no fact).
    await queryRunner.query(`
      CREATE FUNCTION report_mark_timeline_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO report_fact_mark (conversation_id)
          SELECT DISTINCT conversation_id FROM new_rows WHERE TG_TABLE_NAME = 'sla_breach' OR to_jsonb(new_rows) ->> 'type' IN ('resolved', 'reopened');
        ELSE
          INSERT INTO report_fact_mark (conversation_id)
          SELECT DISTINCT conversation_id FROM old_rows WHERE TG_TABLE_NAME = 'sla_breach' OR to_jsonb(old_rows) ->> 'type' IN ('resolved', 'reopened');
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['conversation_activity', 'sla_breach']) {
      await queryRunner.query(`CREATE TRIGGER report_fact_${table}_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_timeline_conversations()`);
      await queryRunner.query(`CREATE TRIGGER report_fact_${table}_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_timeline_conversations()`);
    }

    // Business time depends on the team's schedule: a new schedule re-measures every conversation of the team.
    await queryRunner.query(`
      CREATE FUNCTION report_mark_team_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_fact_mark (conversation_id)
        SELECT c.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN conversation c ON c.team_id = n.id
         WHERE n.business_hours IS DISTINCT FROM o.business_hours;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER report_fact_team_hours AFTER UPDATE ON team REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_team_conversations()`);

    // Existing history starts marked; the worker measures it after the upgrade.
    await queryRunner.query(`INSERT INTO report_fact_mark (conversation_id) SELECT id FROM conversation`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER report_fact_team_hours ON team`);
    for (const table of ['conversation_activity', 'sla_breach']) {
      await queryRunner.query(`DROP TRIGGER report_fact_${table}_inserted ON ${table}`);
      await queryRunner.query(`DROP TRIGGER report_fact_${table}_deleted ON ${table}`);
    }
    await queryRunner.query(`DROP TRIGGER report_fact_conversation_inserted ON conversation`);
    await queryRunner.query(`DROP TRIGGER report_fact_conversation_updated ON conversation`);
    await queryRunner.query(`DROP TRIGGER report_fact_message_inserted ON message`);
    await queryRunner.query(`DROP TRIGGER report_fact_message_deleted ON message`);
    await queryRunner.query(`DROP TRIGGER report_fact_message_updated ON message`);
    await queryRunner.query(`DROP FUNCTION report_mark_team_conversations()`);
    await queryRunner.query(`DROP FUNCTION report_mark_timeline_conversations()`);
    await queryRunner.query(`DROP FUNCTION report_mark_conversations()`);
    await queryRunner.query(`DROP FUNCTION report_mark_message_conversations()`);
    await queryRunner.query(`DROP TABLE report_fact_mark`);
    await queryRunner.query(`DROP TABLE report_auto_reply`);
    await queryRunner.query(`DROP TABLE report_wait`);
    await queryRunner.query(`DROP TABLE report_conversation_fact`);
  }
}
