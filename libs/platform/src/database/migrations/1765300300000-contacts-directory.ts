import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The contacts directory and contact data per team.
 *
 * contact_presence says where a contact was seen: one row per contact, team and channel they have a conversation in,
 * with the first and latest activity there. The access rule for contacts is "has a conversation in one of your teams",
 * and the directory sorts by the latest contact the viewer can see; answering both from the conversation table means
 * aggregating 200,000 conversations per page, while this table is read in index order and stops after a page. A
 * trigger on conversation keeps it, so every writer (threading, outbound, transfers, seeds, imports) keeps it exact:
 * the latest activity only grows (GREATEST under the row lock the upsert takes, so concurrent messages cannot lose
 * one), and a transfer recomputes the key the conversation left from the conversations still there.
 *
 * contact_note holds the notes a team writes about a contact, one per contact and team; the number, name and consent
 * stay shared on contact. Before, one notes column on contact was shared by every team, so a team's private notes
 * showed in another team's inbox and could be overwritten there. Existing notes move to the team of the contact's
 * most recent conversation (the team that was working with the customer last, most likely the one that wrote them);
 * notes of a contact without conversations cannot be placed in any team and are dropped.
 */
export class ContactsDirectory1765300300000 implements MigrationInterface {
  name = 'ContactsDirectory1765300300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contact_presence (
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
        first_contact_at timestamptz NOT NULL,
        last_contact_at timestamptz NOT NULL,
        PRIMARY KEY (contact_id, team_id, channel_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_contact_presence_recent ON contact_presence (last_contact_at DESC, contact_id DESC)`);
    await queryRunner.query(`CREATE INDEX ix_contact_presence_team_recent ON contact_presence (team_id, last_contact_at DESC, contact_id DESC)`);
    await queryRunner.query(`
      CREATE FUNCTION contact_presence_track() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        moved boolean := TG_OP = 'UPDATE' AND (OLD.contact_id, OLD.team_id, OLD.channel_id) IS DISTINCT FROM (NEW.contact_id, NEW.team_id, NEW.channel_id);
        remaining record;
      BEGIN
        IF moved THEN
          SELECT min(created_at) AS first_at, max(last_message_at) AS last_at INTO remaining FROM conversation
          WHERE contact_id = OLD.contact_id AND team_id = OLD.team_id AND channel_id = OLD.channel_id;
          IF remaining.last_at IS NULL THEN
            DELETE FROM contact_presence WHERE contact_id = OLD.contact_id AND team_id = OLD.team_id AND channel_id = OLD.channel_id;
          ELSE
            UPDATE contact_presence SET first_contact_at = remaining.first_at, last_contact_at = remaining.last_at
            WHERE contact_id = OLD.contact_id AND team_id = OLD.team_id AND channel_id = OLD.channel_id;
          END IF;
        ELSIF TG_OP = 'UPDATE' AND NEW.last_message_at <= OLD.last_message_at THEN
          RETURN NULL;
        END IF;
        INSERT INTO contact_presence (contact_id, team_id, channel_id, first_contact_at, last_contact_at)
        VALUES (NEW.contact_id, NEW.team_id, NEW.channel_id, LEAST(NEW.created_at, NEW.last_message_at), NEW.last_message_at)
        ON CONFLICT (contact_id, team_id, channel_id) DO UPDATE
          SET first_contact_at = LEAST(contact_presence.first_contact_at, EXCLUDED.first_contact_at),
              last_contact_at = GREATEST(contact_presence.last_contact_at, EXCLUDED.last_contact_at)
          WHERE contact_presence.last_contact_at < EXCLUDED.last_contact_at OR contact_presence.first_contact_at > EXCLUDED.first_contact_at;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_conversation_contact_presence AFTER INSERT OR UPDATE OF contact_id, team_id, channel_id, last_message_at ON conversation
      FOR EACH ROW EXECUTE FUNCTION contact_presence_track()`);
    await queryRunner.query(`
      INSERT INTO contact_presence (contact_id, team_id, channel_id, first_contact_at, last_contact_at)
      SELECT contact_id, team_id, channel_id, min(LEAST(created_at, last_message_at)), max(last_message_at) FROM conversation GROUP BY contact_id, team_id, channel_id`);

    // The directory's other orders, read in index order for keyset paging; unnamed contacts sort after named ones.
    await queryRunner.query(`CREATE INDEX ix_contact_created ON contact (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX ix_contact_name_order ON contact ((name = ''), name, id)`);

    await queryRunner.query(`
      CREATE TABLE contact_note (
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        updated_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contact_id, team_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_contact_note_team ON contact_note (team_id)`);
    await queryRunner.query(`
      INSERT INTO contact_note (contact_id, team_id, body, created_at, updated_at)
      SELECT ct.id, latest.team_id, left(ct.notes, 4000), ct.updated_at, ct.updated_at
      FROM contact ct
      JOIN LATERAL (SELECT c.team_id FROM conversation c WHERE c.contact_id = ct.id ORDER BY c.last_message_at DESC, c.id DESC LIMIT 1) latest ON true
      WHERE ct.notes <> ''`);
    await queryRunner.query(`ALTER TABLE contact DROP COLUMN notes`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contact ADD COLUMN notes text NOT NULL DEFAULT ''`);
    // Back to one shared column: the most recently edited team's note wins.
    await queryRunner.query(`
      UPDATE contact ct SET notes = n.body
      FROM (SELECT DISTINCT ON (contact_id) contact_id, body FROM contact_note ORDER BY contact_id, updated_at DESC) n
      WHERE n.contact_id = ct.id`);
    await queryRunner.query(`DROP TABLE contact_note`);
    await queryRunner.query(`DROP INDEX ix_contact_name_order`);
    await queryRunner.query(`DROP INDEX ix_contact_created`);
    await queryRunner.query(`DROP TRIGGER trg_conversation_contact_presence ON conversation`);
    await queryRunner.query(`DROP FUNCTION contact_presence_track()`);
    await queryRunner.query(`DROP TABLE contact_presence`);
  }
}
