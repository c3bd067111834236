import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved views of the inbox, and the indexes its filters need.
 *
 * A saved view is a named filter set, private to its owner (team_id NULL) or shared with a team. Names are unique per
 * owner among private views and per team among shared ones, ignoring case. Each person orders the views in their own
 * sidebar, so the order is kept per user in saved_view_position rather than on the view that a whole team shares.
 *
 * The inbox list may now span every status and every team (a search, an admin's "all", a view of resolved
 * conversations), where the existing indexes all start with the team or the status: without an index on the activity
 * order alone, the first page sorted the whole table. Unread conversations are few at any time, and walking the
 * activity order to find them would read the whole index when there are none, hence a partial index for them.
 */
export class SavedViews1765300800000 implements MigrationInterface {
  name = 'SavedViews1765300800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE saved_view (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        team_id uuid REFERENCES team (id) ON DELETE CASCADE,
        name varchar(60) NOT NULL CONSTRAINT saved_view_name_check CHECK (length(name) > 0 AND name = btrim(name)),
        filters jsonb NOT NULL CONSTRAINT saved_view_filters_check CHECK (jsonb_typeof(filters) = 'object'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_saved_view_private_name ON saved_view (owner_id, lower(name)) WHERE team_id IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_saved_view_team_name ON saved_view (team_id, lower(name)) WHERE team_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE saved_view_position (
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        view_id uuid NOT NULL REFERENCES saved_view (id) ON DELETE CASCADE,
        position integer NOT NULL CONSTRAINT saved_view_position_check CHECK (position >= 0),
        PRIMARY KEY (user_id, view_id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_saved_view_position_view ON saved_view_position (view_id)`);

    await queryRunner.query(`CREATE INDEX ix_conversation_activity ON conversation (last_message_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX ix_conversation_unread ON conversation (last_message_at DESC, id DESC) WHERE unread_count > 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_conversation_unread`);
    await queryRunner.query(`DROP INDEX ix_conversation_activity`);
    await queryRunner.query(`DROP TABLE saved_view_position`);
    await queryRunner.query(`DROP TABLE saved_view`);
  }
}
