import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail. Append-only in the database itself: a statement trigger rejects every UPDATE and DELETE, whoever
 * sends it, so a bug or a hand-typed query cannot quietly rewrite history (TRUNCATE, an owner-only operation, is left to
 * restores and test resets). Each entry carries the SHA-256 of its canonical form and its predecessor's hash, so an
 * edit made around the trigger is still found by `npm run audit:verify`. `seq` is assigned by the writer under a
 * transaction-scoped lock rather than by a sequence: a sequence hands out numbers in one order and commits land in
 * another, and the chain needs the two to agree. Actors and targets are not foreign keys: the entry must outlive what
 * it describes, and a cascading change would be an update of history.
 */
export class AuditLog1765404000001 implements MigrationInterface {
  name = 'AuditLog1765404000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_entry (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        occurred_at timestamptz NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'system', 'anonymous')),
        actor_user_id uuid,
        actor_api_key_id uuid,
        actor_email text CHECK (length(actor_email) <= 320),
        action text NOT NULL CHECK (action ~ '^[a-z][a-z_]*(\\.[a-z][a-z_]*)+$' AND length(action) <= 100),
        target_type text NOT NULL CHECK (target_type ~ '^[a-z][a-z_]*$' AND length(target_type) <= 50),
        target_id text CHECK (length(target_id) <= 200),
        target_label text CHECK (length(target_label) <= 500),
        team_ids uuid[] NOT NULL DEFAULT '{}',
        diff jsonb CHECK (diff IS NULL OR jsonb_typeof(diff) = 'object'),
        ip text CHECK (length(ip) <= 64),
        user_agent text CHECK (length(user_agent) <= 400),
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_audit_entry_user_actor CHECK ((actor_kind = 'user') = (actor_user_id IS NOT NULL)),
        CONSTRAINT ck_audit_entry_api_key_actor CHECK ((actor_kind = 'api_key') = (actor_api_key_id IS NOT NULL)),
        CONSTRAINT ck_audit_entry_anonymous_email CHECK (actor_email IS NULL OR actor_kind = 'anonymous')
      )`);
    await queryRunner.query(`CREATE INDEX ix_audit_entry_occurred ON audit_entry (occurred_at)`);
    await queryRunner.query(`CREATE INDEX ix_audit_entry_action ON audit_entry (action, seq)`);
    await queryRunner.query(`CREATE INDEX ix_audit_entry_target ON audit_entry (target_type, target_id, seq)`);
    await queryRunner.query(`CREATE INDEX ix_audit_entry_actor_user ON audit_entry (actor_user_id, seq) WHERE actor_user_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX ix_audit_entry_teams ON audit_entry USING gin (team_ids)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_entry`);
    await queryRunner.query(`DROP FUNCTION audit_entry_append_only()`);
  }
}
