import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom contact attributes: fields admins define (contact_attribute) and each contact's values of them
 * (contact_attribute_value).
 *
 * Values are shared by every team, like the name and number, not kept per team like notes. An attribute describes the
 * customer (their order number, plan, birthday), not one team's view of them: definitions are global, canned answers
 * and rules of every team read `{{contact.<key>}}`, and two teams keeping two different order numbers for one customer
 * would only make one of them wrong. What a team wants to keep to itself goes in its notes.
 *
 * The database carries the invariants, not only the service: a key is unique and shaped for `{{contact.<key>}}`; a
 * value row repeats its attribute's type under a foreign key to (id, type), so a value cannot outlive a change of type
 * and CHECKs hold each type to its own column (a number in numeric, a date in date, a list's value in choice_value);
 * a list's value is a foreign key into its attribute's choices, so a choice some contact has cannot be removed and
 * no contact holds a value outside the list.
 *
 * One typed row per contact and attribute rather than a jsonb column on contact: the directory's filter
 * (`attribute=plan:Gold`) reads a btree on (attribute, value) and joins to the contacts it names, and numbers and
 * dates compare as numbers and dates; a GIN index on jsonb answers equality too, but holds no types and no foreign keys.
 */
export class ContactAttributes1765300600000 implements MigrationInterface {
  name = 'ContactAttributes1765300600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contact_attribute (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key varchar(40) NOT NULL CONSTRAINT uq_contact_attribute_key UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$' AND key NOT IN ('name', 'first_name', 'phone', 'notes')),
        label varchar(80) NOT NULL CHECK (btrim(label) <> ''),
        type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'list', 'link')),
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_contact_attribute_typed UNIQUE (id, type)
      )`);
    await queryRunner.query(`
      CREATE TABLE contact_attribute_choice (
        attribute_id uuid NOT NULL,
        attribute_type text NOT NULL DEFAULT 'list' CHECK (attribute_type = 'list'),
        value varchar(100) NOT NULL CHECK (btrim(value) <> ''),
        position integer NOT NULL,
        PRIMARY KEY (attribute_id, value),
        FOREIGN KEY (attribute_id, attribute_type) REFERENCES contact_attribute (id, type) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE contact_attribute_value (
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        attribute_id uuid NOT NULL,
        attribute_type text NOT NULL,
        text_value varchar(500),
        number_value numeric,
        date_value date,
        boolean_value boolean,
        choice_value varchar(100),
        updated_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contact_id, attribute_id),
        FOREIGN KEY (attribute_id, attribute_type) REFERENCES contact_attribute (id, type) ON DELETE CASCADE,
        CONSTRAINT fk_contact_attribute_value_choice FOREIGN KEY (attribute_id, choice_value) REFERENCES contact_attribute_choice (attribute_id, value),
        CONSTRAINT ck_contact_attribute_value_typed CHECK (
          num_nonnulls(text_value, number_value, date_value, boolean_value, choice_value) = 1 AND CASE attribute_type
            WHEN 'text' THEN btrim(text_value) <> ''
            WHEN 'link' THEN text_value ~* '^https?://\\S+$'
            WHEN 'number' THEN number_value IS NOT NULL
            WHEN 'date' THEN date_value IS NOT NULL
            WHEN 'boolean' THEN boolean_value IS NOT NULL
            WHEN 'list' THEN choice_value IS NOT NULL
          END)
      )`);
    // The directory's filter, one per kind of value: each reads the contacts with a value without touching the others.
    await queryRunner.query(`CREATE INDEX ix_contact_attribute_value_text ON contact_attribute_value (attribute_id, lower(text_value), contact_id) WHERE text_value IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX ix_contact_attribute_value_number ON contact_attribute_value (attribute_id, number_value, contact_id) WHERE number_value IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX ix_contact_attribute_value_date ON contact_attribute_value (attribute_id, date_value, contact_id) WHERE date_value IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX ix_contact_attribute_value_boolean ON contact_attribute_value (attribute_id, boolean_value, contact_id) WHERE boolean_value IS NOT NULL`);
    // Also what removing a choice checks for contacts that still have it.
    await queryRunner.query(`CREATE INDEX ix_contact_attribute_value_choice ON contact_attribute_value (attribute_id, choice_value, contact_id) WHERE choice_value IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE contact_attribute_value`);
    await queryRunner.query(`DROP TABLE contact_attribute_choice`);
    await queryRunner.query(`DROP TABLE contact_attribute`);
  }
}
