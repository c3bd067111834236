import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChannelsAndConversations1764050000000 implements MigrationInterface {
  name = 'ChannelsAndConversations1764050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE sender_type AS ENUM ('long_code', 'toll_free', 'short_code', 'alphanumeric', 'messaging_service')`);
    await queryRunner.query(`
      CREATE TABLE channel (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES team (id) ON DELETE RESTRICT,
        name varchar(80) NOT NULL,
        provider varchar(20) NOT NULL,
        sender varchar(40) NOT NULL,
        sender_type sender_type NOT NULL,
        country char(2) NOT NULL,
        secrets_sealed text NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        reopen_window_minutes integer NOT NULL DEFAULT 1440 CHECK (reopen_window_minutes >= 0),
        help_text varchar(480) NOT NULL DEFAULT '',
        keywords jsonb NOT NULL,
        confirmations jsonb NOT NULL,
        rate_per_second numeric(8, 3) NOT NULL CHECK (rate_per_second > 0),
        price_per_segment numeric(10, 5) NOT NULL DEFAULT 0 CHECK (price_per_segment >= 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_channel_provider_sender UNIQUE (provider, sender)
      )`);
    await queryRunner.query(`CREATE INDEX ix_channel_team ON channel (team_id)`);

    await queryRunner.query(`
      CREATE TABLE contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone varchar(20) NOT NULL,
        name varchar(120) NOT NULL DEFAULT '',
        notes text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_contact_phone UNIQUE (phone)
      )`);

    await queryRunner.query(`CREATE TYPE conversation_status AS ENUM ('open', 'pending', 'snoozed', 'resolved')`);
    await queryRunner.query(`
      CREATE TABLE conversation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE RESTRICT,
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE RESTRICT,
        team_id uuid NOT NULL REFERENCES team (id) ON DELETE RESTRICT,
        status conversation_status NOT NULL DEFAULT 'open',
        unread_count integer NOT NULL DEFAULT 0,
        last_message_at timestamptz NOT NULL DEFAULT now(),
        last_inbound_at timestamptz,
        waiting_since timestamptz,
        snoozed_until timestamptz,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The invariant behind threading: at most one active conversation per customer and sender.
    await queryRunner.query(`CREATE UNIQUE INDEX uq_conversation_active ON conversation (channel_id, contact_id) WHERE status <> 'resolved'`);
    await queryRunner.query(`CREATE INDEX ix_conversation_contact ON conversation (contact_id, channel_id, resolved_at DESC)`);
    await queryRunner.query(`CREATE INDEX ix_conversation_team_activity ON conversation (team_id, status, last_message_at DESC)`);

    await queryRunner.query(`CREATE TYPE message_direction AS ENUM ('inbound', 'outbound')`);
    await queryRunner.query(`CREATE TYPE message_status AS ENUM ('received', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'unknown')`);
    await queryRunner.query(`CREATE TYPE sms_encoding AS ENUM ('GSM-7', 'UCS-2')`);
    await queryRunner.query(`
      CREATE TABLE message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE RESTRICT,
        direction message_direction NOT NULL,
        status message_status NOT NULL,
        body text NOT NULL,
        encoding sms_encoding NOT NULL,
        segments smallint NOT NULL CHECK (segments >= 0),
        media jsonb NOT NULL DEFAULT '[]'::jsonb,
        provider_message_id varchar(128),
        provider_timestamp timestamptz,
        sent_at timestamptz NOT NULL,
        incomplete boolean NOT NULL DEFAULT false,
        error_code varchar(32),
        error_reason varchar(300),
        error_category varchar(32),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A carrier retry of the same message stores nothing new: the database says so, not a read-then-write.
    await queryRunner.query(`CREATE UNIQUE INDEX uq_message_provider_id ON message (channel_id, provider_message_id) WHERE provider_message_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX ix_message_thread ON message (conversation_id, sent_at, created_at)`);

    await queryRunner.query(`
      CREATE TABLE delivery_report (
        id bigserial PRIMARY KEY,
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        provider_message_id varchar(128) NOT NULL,
        provider_status varchar(40) NOT NULL,
        status message_status NOT NULL,
        error_code varchar(32),
        occurred_at timestamptz,
        received_at timestamptz NOT NULL DEFAULT now(),
        applied boolean NOT NULL DEFAULT false,
        CONSTRAINT uq_delivery_report UNIQUE NULLS NOT DISTINCT (channel_id, provider_message_id, provider_status, error_code)
      )`);
    await queryRunner.query(`CREATE INDEX ix_delivery_report_unapplied ON delivery_report (channel_id, provider_message_id) WHERE NOT applied`);

    await queryRunner.query(`
      CREATE TABLE concat_part (
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        sender varchar(40) NOT NULL,
        reference varchar(64) NOT NULL,
        part smallint NOT NULL CHECK (part >= 1),
        total smallint NOT NULL CHECK (total >= 1),
        provider_message_id varchar(128) NOT NULL,
        body text NOT NULL,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        message_id uuid REFERENCES message (id) ON DELETE SET NULL,
        PRIMARY KEY (channel_id, sender, reference, part)
      )`);
    await queryRunner.query(`CREATE INDEX ix_concat_part_pending ON concat_part (received_at) WHERE message_id IS NULL`);

    await queryRunner.query(`
      CREATE TABLE consent (
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        opted_out boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contact_id, channel_id)
      )`);
    await queryRunner.query(`CREATE TYPE consent_action AS ENUM ('opt_out', 'opt_in')`);
    await queryRunner.query(`
      CREATE TABLE consent_event (
        id bigserial PRIMARY KEY,
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        action consent_action NOT NULL,
        source varchar(20) NOT NULL,
        keyword varchar(40),
        actor_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
        message_id uuid REFERENCES message (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_consent_event_contact ON consent_event (contact_id, created_at DESC)`);

    // The transactional event log: written in the same transaction as the change it describes, so a consumer
    // (sockets, rules) can replay exactly what committed, in order, and nothing that rolled back.
    await queryRunner.query(`
      CREATE TABLE domain_event (
        seq bigserial PRIMARY KEY,
        type varchar(60) NOT NULL,
        team_id uuid,
        conversation_id uuid,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_domain_event_team ON domain_event (team_id, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['domain_event', 'consent_event', 'consent', 'concat_part', 'delivery_report', 'message', 'conversation', 'contact', 'channel']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    for (const type of ['consent_action', 'sms_encoding', 'message_status', 'message_direction', 'conversation_status', 'sender_type']) {
      await queryRunner.query(`DROP TYPE ${type}`);
    }
  }
}
