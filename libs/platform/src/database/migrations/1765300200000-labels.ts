import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLORS = ['gray', 'red', 'orange', 'amber', 'green', 'teal', 'blue', 'indigo', 'purple', 'pink'];

/**
 * Labels on conversations, global (team_id NULL) or a team's, replacing the `conversation.tags` that the automation
 * action `add_tag` wrote and nobody could see. Existing tags become labels: a tag named by a rule becomes a label of
 * the rule's scope (its team, its channel's team, or global) and the rule then names that label by id; a tag on a
 * conversation becomes a label of the conversation's team unless a global label of that name exists. Labels made from
 * tags are gray; an admin can recolor them.
 */
export class Labels1765300200000 implements MigrationInterface {
  name = 'Labels1765300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE label (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid REFERENCES team (id) ON DELETE CASCADE,
        name varchar(40) NOT NULL CONSTRAINT label_name_check CHECK (length(name) > 0 AND name = btrim(name)),
        color text NOT NULL CONSTRAINT label_color_check CHECK (color IN (${COLORS.map((color) => `'${color}'`).join(', ')})),
        description varchar(200) CONSTRAINT label_description_check CHECK (description IS NULL OR length(btrim(description)) > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One "Refund" per scope whatever its case; the global labels are one scope, hence NULLS NOT DISTINCT.
    await queryRunner.query(`CREATE UNIQUE INDEX uq_label_scope_name ON label (team_id, lower(name)) NULLS NOT DISTINCT`);
    await queryRunner.query(`
      CREATE TABLE conversation_label (
        conversation_id uuid NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        label_id uuid NOT NULL REFERENCES label (id) ON DELETE CASCADE,
        -- NULL when automation (or this migration) put it on.
        added_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation_id, label_id)
      )`);
    // The inbox's label filter and the reports' start from the label.
    await queryRunner.query(`CREATE INDEX ix_conversation_label_label ON conversation_label (label_id, conversation_id)`);

    await queryRunner.query(`
      WITH rule_tags AS (
        SELECT DISTINCT COALESCE(r.team_id, ch.team_id) AS team_id, action ->> 'tag' AS name
        FROM automation_rule r
        LEFT JOIN channel ch ON ch.id = r.channel_id
        CROSS JOIN LATERAL jsonb_array_elements(r.actions) AS action
        WHERE action ->> 'type' = 'add_tag' AND action ? 'tag'
      )
      INSERT INTO label (team_id, name, color) SELECT team_id, name, 'gray' FROM rule_tags ON CONFLICT DO NOTHING`);
    await queryRunner.query(`
      INSERT INTO label (team_id, name, color)
      SELECT DISTINCT c.team_id, tag, 'gray'
      FROM conversation c CROSS JOIN LATERAL unnest(c.tags) AS tag
      WHERE NOT EXISTS (SELECT 1 FROM label g WHERE g.team_id IS NULL AND lower(g.name) = lower(tag))
      ON CONFLICT DO NOTHING`);
    await queryRunner.query(`
      INSERT INTO conversation_label (conversation_id, label_id, added_at)
      SELECT c.id, COALESCE(own.id, global.id), c.updated_at
      FROM conversation c
      CROSS JOIN LATERAL unnest(c.tags) AS tag
      LEFT JOIN label own ON own.team_id = c.team_id AND lower(own.name) = lower(tag)
      LEFT JOIN label global ON global.team_id IS NULL AND lower(global.name) = lower(tag)
      WHERE COALESCE(own.id, global.id) IS NOT NULL
      ON CONFLICT DO NOTHING`);
    await queryRunner.query(`
      UPDATE automation_rule r
      SET actions = (
        SELECT jsonb_agg(
          CASE WHEN action ->> 'type' = 'add_tag' AND action ? 'tag'
            THEN jsonb_build_object('type', 'add_tag', 'labelId', (
              SELECT l.id FROM label l
              WHERE l.team_id IS NOT DISTINCT FROM COALESCE(r.team_id, (SELECT ch.team_id FROM channel ch WHERE ch.id = r.channel_id))
                AND lower(l.name) = lower(action ->> 'tag')))
            ELSE action END
          ORDER BY position)
        FROM jsonb_array_elements(r.actions) WITH ORDINALITY AS a(action, position))
      WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(r.actions) AS action WHERE action ->> 'type' = 'add_tag' AND action ? 'tag')`);
    await queryRunner.query(`ALTER TABLE conversation DROP COLUMN tags`);

    // A team's label goes only on that team's conversations, whoever writes the row (agents, rules, a later import).
    // Checked when it is put on: a conversation transferred later keeps the labels it had.
    await queryRunner.query(`
      CREATE FUNCTION conversation_label_same_team() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (
          SELECT 1 FROM label l, conversation c
          WHERE l.id = NEW.label_id AND c.id = NEW.conversation_id AND l.team_id IS NOT NULL AND l.team_id <> c.team_id
        ) THEN
          RAISE EXCEPTION 'label % belongs to another team than conversation %', NEW.label_id, NEW.conversation_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'conversation_label_same_team';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER conversation_label_same_team BEFORE INSERT ON conversation_label
      FOR EACH ROW EXECUTE FUNCTION conversation_label_same_team()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE conversation ADD COLUMN tags text[] NOT NULL DEFAULT '{}'`);
    // Tags allowed only letters, digits, - and _: other characters of a label's name become -.
    await queryRunner.query(`
      UPDATE conversation c SET tags = names.tags
      FROM (
        SELECT cl.conversation_id, array_agg(regexp_replace(l.name, '[^[:alnum:]_-]', '-', 'g') ORDER BY cl.added_at) AS tags
        FROM conversation_label cl JOIN label l ON l.id = cl.label_id GROUP BY cl.conversation_id
      ) names
      WHERE names.conversation_id = c.id`);
    await queryRunner.query(`
      UPDATE automation_rule r
      SET actions = (
        SELECT jsonb_agg(
          CASE WHEN action ->> 'type' = 'add_tag' AND action ? 'labelId'
            THEN jsonb_build_object('type', 'add_tag', 'tag', COALESCE(
              (SELECT regexp_replace(l.name, '[^[:alnum:]_-]', '-', 'g') FROM label l WHERE l.id::text = action ->> 'labelId'), 'deleted-label'))
            ELSE action END
          ORDER BY position)
        FROM jsonb_array_elements(r.actions) WITH ORDINALITY AS a(action, position))
      WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(r.actions) AS action WHERE action ->> 'type' = 'add_tag')`);
    await queryRunner.query(`DROP TABLE conversation_label`);
    await queryRunner.query(`DROP FUNCTION conversation_label_same_team()`);
    await queryRunner.query(`DROP TABLE label`);
  }
}
