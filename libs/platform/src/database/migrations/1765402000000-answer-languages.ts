import type { MigrationInterface, QueryRunner } from 'typeorm';

const LANGUAGES = `('en', 'uk', 'ru')`;

const ACTIVITY_TYPES_BEFORE = [
  'resolved',
  'reopened',
  'snoozed',
  'woke',
  'marked_pending',
  'priority_changed',
  'assigned',
  'transferred',
  'opted_out',
  'opted_in',
  'sla_breached',
  'labels_changed',
  'automation_held',
  'auto_reply_cancelled',
  'csat_rated',
  'macro_step',
];

const typeCheck = (types: string[]) =>
  `ALTER TABLE conversation_activity ADD CONSTRAINT conversation_activity_type_check CHECK (type IN (${types.map((type) => `'${type}'`).join(', ')}))`;

/**
 * Answers in the customer's language. A canned answer's `body` stays its text in its default language (`language`,
 * now required); its other languages are rows of `canned_answer_variant`, one per language, never the default one
 * (a trigger keeps the two apart, so an answer has exactly one text per language). A contact may carry a language
 * that wins over detection. An auto-reply sent in the default language because the customer's had no text leaves
 * an `answer_language_fallback` line in the thread.
 *
 * Existing answers keep their text as their default-language variant: a declared language that is a supported one
 * (case and region ignored, `ua` read as Ukrainian) stays; an undeclared one is read from its letters (Cyrillic with
 * і, ї, є or ґ is Ukrainian, other Cyrillic Russian), so a Ukrainian answer is not labelled English and reported as a
 * fallback to every Ukrainian customer; anything else becomes English, the workspace default.
 */
export class AnswerLanguages1765402000000 implements MigrationInterface {
  name = 'AnswerLanguages1765402000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE canned_answer SET language = CASE
         WHEN split_part(lower(btrim(language)), '-', 1) IN ${LANGUAGES} THEN split_part(lower(btrim(language)), '-', 1)
         WHEN split_part(lower(btrim(language)), '-', 1) = 'ua' THEN 'uk'
         WHEN language IS NULL AND body ~* '[іїєґ]' THEN 'uk'
         WHEN language IS NULL AND body ~* '[а-яё]' THEN 'ru'
         ELSE 'en' END`,
    );
    await queryRunner.query(`ALTER TABLE canned_answer ALTER COLUMN language TYPE varchar(2), ALTER COLUMN language SET DEFAULT 'en', ALTER COLUMN language SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE canned_answer ADD CONSTRAINT ck_canned_answer_language CHECK (language IN ${LANGUAGES})`);
    await queryRunner.query(
      `CREATE TABLE canned_answer_variant (
        answer_id uuid NOT NULL REFERENCES canned_answer(id) ON DELETE CASCADE,
        language varchar(2) NOT NULL CONSTRAINT ck_canned_answer_variant_language CHECK (language IN ${LANGUAGES}),
        body text NOT NULL CONSTRAINT ck_canned_answer_variant_body CHECK (btrim(body) <> '' AND length(body) <= 1600),
        PRIMARY KEY (answer_id, language)
      )`,
    );
    // Both sides are checked: a variant in the answer's default language, or a default moved onto a language that
    // still has a variant, would give the answer two texts for one language.
    await queryRunner.query(
      `CREATE FUNCTION canned_answer_variant_not_default() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_TABLE_NAME = 'canned_answer_variant' THEN
           IF EXISTS (SELECT 1 FROM canned_answer WHERE id = NEW.answer_id AND language = NEW.language) THEN
             RAISE EXCEPTION 'a canned answer''s default language is its body, not a variant' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_canned_answer_variant_not_default';
           END IF;
         ELSIF EXISTS (SELECT 1 FROM canned_answer_variant WHERE answer_id = NEW.id AND language = NEW.language) THEN
           RAISE EXCEPTION 'a canned answer''s default language is its body, not a variant' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_canned_answer_variant_not_default';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(`CREATE TRIGGER tr_canned_answer_variant_not_default BEFORE INSERT OR UPDATE ON canned_answer_variant FOR EACH ROW EXECUTE FUNCTION canned_answer_variant_not_default()`);
    await queryRunner.query(`CREATE TRIGGER tr_canned_answer_language_not_variant BEFORE UPDATE OF language ON canned_answer FOR EACH ROW EXECUTE FUNCTION canned_answer_variant_not_default()`);

    await queryRunner.query(`ALTER TABLE contact ADD COLUMN language varchar(2) CONSTRAINT ck_contact_language CHECK (language IN ${LANGUAGES})`);

    await queryRunner.query(`ALTER TABLE conversation_activity DROP CONSTRAINT conversation_activity_type_check`);
    await queryRunner.query(typeCheck([...ACTIVITY_TYPES_BEFORE, 'answer_language_fallback']));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM conversation_activity WHERE type = 'answer_language_fallback'`);
    await queryRunner.query(`ALTER TABLE conversation_activity DROP CONSTRAINT conversation_activity_type_check`);
    await queryRunner.query(typeCheck(ACTIVITY_TYPES_BEFORE));
    await queryRunner.query(`ALTER TABLE contact DROP COLUMN language`);
    await queryRunner.query(`DROP TRIGGER tr_canned_answer_language_not_variant ON canned_answer`);
    await queryRunner.query(`DROP TABLE canned_answer_variant`);
    await queryRunner.query(`DROP FUNCTION canned_answer_variant_not_default()`);
    await queryRunner.query(`ALTER TABLE canned_answer DROP CONSTRAINT ck_canned_answer_language`);
    await queryRunner.query(`ALTER TABLE canned_answer ALTER COLUMN language DROP NOT NULL, ALTER COLUMN language DROP DEFAULT, ALTER COLUMN language TYPE varchar(10)`);
  }
}
