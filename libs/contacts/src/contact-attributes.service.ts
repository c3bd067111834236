import { AuditService, changedFields } from '@backtalk/audit';
import { auditActorOf, type UserActor } from '@backtalk/auth';
import {
  type ContactAttributeType,
  type ContactAttributeValue,
  type ContactAttributeValues,
  type ContactAttributeView,
  contactAttributeValueProblem,
  type CreateContactAttributeRequest,
  isCalendarDate,
  type UpdateContactAttributeRequest,
} from '@backtalk/contracts';
import { DomainError, isForeignKeyViolation, isUniqueViolation } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

interface DefinitionRow {
  id: string;
  key: string;
  label: string;
  type: ContactAttributeType;
  choices: string[];
  position: number;
  created_at: Date;
  updated_at: Date;
}

interface ValueRow {
  contact_id: string;
  key: string;
  type: ContactAttributeType;
  text_value: string | null;
  number_value: number | null;
  date_value: string | null;
  boolean_value: boolean | null;
  choice_value: string | null;
}

/** The column a type's values live in (see the migration's CHECK). */
const COLUMN: Record<ContactAttributeType, 'text_value' | 'number_value' | 'date_value' | 'boolean_value' | 'choice_value'> = {
  text: 'text_value',
  link: 'text_value',
  number: 'number_value',
  date: 'date_value',
  boolean: 'boolean_value',
  list: 'choice_value',
};

const toView = (row: DefinitionRow): ContactAttributeView => ({
  id: row.id,
  key: row.key,
  label: row.label,
  type: row.type,
  choices: row.choices,
  position: row.position,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Trimmed, without blanks or repeats, in the order given. */
const cleanChoices = (choices: readonly string[] | undefined): string[] => [...new Set((choices ?? []).map((choice) => choice.trim().replace(/\s+/g, ' ')).filter(Boolean))];

const DEFINITIONS_SQL = `
  SELECT a.id, a.key, a.label, a.type, a.position, a.created_at, a.updated_at,
         COALESCE((SELECT array_agg(c.value ORDER BY c.position, c.value) FROM contact_attribute_choice c WHERE c.attribute_id = a.id), '{}') AS choices
  FROM contact_attribute a`;

/**
 * Contact attributes: the fields admins define, and reading, writing and filtering contacts' values of them. Values
 * are shared by every team that can see the contact, like its name (see the migration for why); who may see and
 * change a contact is decided by ContactsService, which calls in here.
 */
/** What the audit trail keeps of a definition: what an admin sets, not ids or times. */
const audited = (attribute: ContactAttributeView) => ({ key: attribute.key, label: attribute.label, type: attribute.type, position: attribute.position, choices: attribute.choices });

@Injectable()
export class ContactAttributesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(manager: EntityManager = this.dataSource.manager): Promise<ContactAttributeView[]> {
    const rows = await manager.query<DefinitionRow[]>(`${DEFINITIONS_SQL} ORDER BY a.position, lower(a.label), a.id`);
    return rows.map(toView);
  }

  async byKey(manager: EntityManager = this.dataSource.manager): Promise<Map<string, ContactAttributeView>> {
    return new Map((await this.list(manager)).map((attribute) => [attribute.key, attribute]));
  }

  async create(request: CreateContactAttributeRequest, actor?: UserActor): Promise<ContactAttributeView> {
    const choices = this.choicesFor(request.type, request.choices);
    return this.saving(request.key, async (manager) => {
      const [{ position }] = await manager.query<Array<{ position: number }>>(`SELECT COALESCE(max(position) + 1, 0) AS position FROM contact_attribute`);
      const [{ id }] = await manager.query<Array<{ id: string }>>(`INSERT INTO contact_attribute (key, label, type, position) VALUES ($1, $2, $3, $4) RETURNING id`, [
        request.key,
        request.label.trim(),
        request.type,
        position,
      ]);
      await this.writeChoices(manager, id, choices);
      const created = await this.find(manager, id);
      await this.audit.record({ actor: auditActorOf(actor), action: 'contact_attribute.created', target: { type: 'contact_attribute', id, label: created.key }, diff: { after: audited(created) } }, manager);
      return created;
    });
  }

  /** Label, order and a list's choices; a choice some contact still has is refused with how many have it. */
  async update(id: string, changes: UpdateContactAttributeRequest, actor?: UserActor): Promise<ContactAttributeView> {
    return this.saving(null, async (manager) => {
      const attribute = await this.find(manager, id, true);
      if (changes.label !== undefined || changes.position !== undefined) {
        await manager.query(`UPDATE contact_attribute SET label = COALESCE($2, label), position = COALESCE($3, position), updated_at = now() WHERE id = $1`, [id, changes.label?.trim() ?? null, changes.position ?? null]);
      }
      if (changes.choices !== undefined) {
        const choices = this.choicesFor(attribute.type, changes.choices);
        const removed = attribute.choices.filter((choice) => !choices.includes(choice));
        if (removed.length > 0) {
          const inUse = await manager.query<Array<{ choice_value: string; contacts: number }>>(
            `SELECT choice_value, count(*)::int AS contacts FROM contact_attribute_value WHERE attribute_id = $1 AND choice_value = ANY($2::varchar[]) GROUP BY choice_value ORDER BY choice_value`,
            [id, removed],
          );
          if (inUse.length > 0) {
            throw DomainError.conflict(
              `${inUse.map((row) => `“${row.choice_value}” is the ${attribute.label} of ${row.contacts} contact${row.contacts === 1 ? '' : 's'}`).join('; ')}: change theirs before removing it.`,
              [{ field: 'choices', messages: ['a removed choice is still in use'] }],
            );
          }
        }
        await manager.query(`DELETE FROM contact_attribute_choice WHERE attribute_id = $1 AND NOT (value = ANY($2::varchar[]))`, [id, choices]);
        await this.writeChoices(manager, id, choices);
        await manager.query(`UPDATE contact_attribute SET updated_at = now() WHERE id = $1`, [id]);
      }
      const updated = await this.find(manager, id);
      const diff = changedFields(audited(attribute), audited(updated));
      if (diff) await this.audit.record({ actor: auditActorOf(actor), action: 'contact_attribute.updated', target: { type: 'contact_attribute', id, label: updated.key }, diff }, manager);
      return updated;
    });
  }

  /** Every contact's value of it goes too; canned answers naming it then leave it out and say it is missing. */
  async remove(id: string, actor?: UserActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const attribute = await this.find(manager, id, true);
      await manager.query(`DELETE FROM contact_attribute WHERE id = $1`, [id]);
      await this.audit.record({ actor: auditActorOf(actor), action: 'contact_attribute.deleted', target: { type: 'contact_attribute', id, label: attribute.key }, diff: { before: audited(attribute) } }, manager);
    });
  }

  /** Each contact's values by key (contacts without any are absent). */
  async valuesOf(contactIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, ContactAttributeValues>> {
    const values = new Map<string, ContactAttributeValues>();
    if (contactIds.length === 0) return values;
    const rows = await manager.query<ValueRow[]>(
      `SELECT v.contact_id, a.key, a.type, v.text_value, v.number_value::float8 AS number_value, v.date_value::text AS date_value, v.boolean_value, v.choice_value
       FROM contact_attribute_value v JOIN contact_attribute a ON a.id = v.attribute_id
       WHERE v.contact_id = ANY($1::uuid[])`,
      [contactIds],
    );
    for (const row of rows) {
      const value = row[COLUMN[row.type]];
      if (value === null) continue;
      const own = values.get(row.contact_id) ?? {};
      own[row.key] = value;
      values.set(row.contact_id, own);
    }
    return values;
  }

  /**
   * Sets and clears (null) a contact's values, all or none: an unknown key or a value its type refuses answers 400
   * naming every problem, and nothing is written.
   */
  async write(manager: EntityManager, actor: UserActor, contactId: string, changes: Readonly<Record<string, ContactAttributeValue | null>>): Promise<boolean> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return false;
    const definitions = await this.byKey(manager);
    const problems: Array<{ field: string; messages: string[] }> = [];
    for (const [key, value] of entries) {
      const attribute = definitions.get(key);
      const problem = !attribute ? `${key} is not a contact attribute.` : value === null ? null : contactAttributeValueProblem(attribute, value);
      if (problem) problems.push({ field: `attributes.${key}`, messages: [problem] });
    }
    if (problems.length > 0) throw DomainError.validation(`Invalid request: ${problems.map((problem) => problem.messages[0]).join(' ')}`, problems);

    for (const [key, value] of entries) {
      const attribute = definitions.get(key)!;
      if (value === null) {
        await manager.query(`DELETE FROM contact_attribute_value WHERE contact_id = $1 AND attribute_id = $2`, [contactId, attribute.id]);
        continue;
      }
      const column = COLUMN[attribute.type];
      const stored = typeof value === 'string' ? value.trim() : value;
      await manager.query(
        `INSERT INTO contact_attribute_value (contact_id, attribute_id, attribute_type, ${column}, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (contact_id, attribute_id) DO UPDATE SET ${column} = EXCLUDED.${column}, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [contactId, attribute.id, attribute.type, stored, actor.userId],
      );
    }
    return true;
  }

  /**
   * The directory's `attribute=key:value` filters as conditions on the contact row `ct`, each adding its parameters
   * through `add`. A key no attribute has, or a value its type cannot hold, answers 400 rather than an empty page.
   */
  async filterConditions(filters: readonly string[], add: (value: unknown) => string): Promise<string[]> {
    if (filters.length === 0) return [];
    const definitions = await this.byKey();
    return filters.map((filter) => {
      const separator = filter.indexOf(':');
      const key = separator < 0 ? filter : filter.slice(0, separator);
      const raw = separator < 0 ? '' : filter.slice(separator + 1).trim();
      const attribute = definitions.get(key);
      if (!attribute) throw DomainError.validation(`Invalid request: no contact attribute has the key “${key}” (filter with attribute=key:value).`, [{ field: 'attribute', messages: ['unknown attribute key'] }]);
      const value = filterValue(attribute, raw);
      if (value === undefined) throw DomainError.validation(`Invalid request: “${raw}” is not a value of ${attribute.label}. ${contactAttributeValueProblem(attribute, null) ?? ''}`.trim(), [{ field: 'attribute', messages: ['value does not fit the attribute'] }]);
      const column = COLUMN[attribute.type];
      const matches = column === 'text_value' ? `lower(av.text_value) = lower(${add(value)})` : `av.${column} = ${add(value)}`;
      return `ct.id IN (SELECT av.contact_id FROM contact_attribute_value av WHERE av.attribute_id = ${add(attribute.id)}::uuid AND ${matches})`;
    });
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<ContactAttributeView> {
    if (lock) await manager.query(`SELECT id FROM contact_attribute WHERE id = $1 FOR UPDATE`, [id]);
    const [row] = await manager.query<DefinitionRow[]>(`${DEFINITIONS_SQL} WHERE a.id = $1`, [id]);
    if (!row) throw DomainError.notFound('Contact attribute');
    return toView(row);
  }

  private choicesFor(type: ContactAttributeType, choices: readonly string[] | undefined): string[] {
    const cleaned = cleanChoices(choices);
    if (type === 'list' && cleaned.length === 0) throw DomainError.validation('Invalid request: a list needs at least one choice.', [{ field: 'choices', messages: ['a list needs at least one choice'] }]);
    if (type !== 'list' && cleaned.length > 0) throw DomainError.validation('Invalid request: only a list has choices.', [{ field: 'choices', messages: ['only a list has choices'] }]);
    return cleaned;
  }

  private async writeChoices(manager: EntityManager, attributeId: string, choices: readonly string[]): Promise<void> {
    if (choices.length === 0) return;
    await manager.query(
      `INSERT INTO contact_attribute_choice (attribute_id, value, position)
       SELECT $1, choice.value, choice.position - 1 FROM unnest($2::varchar[]) WITH ORDINALITY AS choice (value, position)
       ON CONFLICT (attribute_id, value) DO UPDATE SET position = EXCLUDED.position`,
      [attributeId, choices],
    );
  }

  private async saving<T>(key: string | null, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (key !== null && isUniqueViolation(error)) throw DomainError.conflict(`The key ${key} is already used by another attribute.`, [{ field: 'key', messages: ['is already used'] }]);
      // A contact took a removed choice between the count above and the delete.
      if (isForeignKeyViolation(error)) throw DomainError.conflict('A contact has a choice being removed: change theirs before removing it.', [{ field: 'choices', messages: ['a removed choice is still in use'] }]);
      throw error;
    }
  }
}

/** A filter's text as the attribute's stored value, or undefined when it cannot be one. */
function filterValue(attribute: ContactAttributeView, raw: string): ContactAttributeValue | undefined {
  if (raw === '') return undefined;
  switch (attribute.type) {
    case 'number': {
      const number = Number(raw);
      return Number.isFinite(number) ? number : undefined;
    }
    case 'date':
      return isCalendarDate(raw) ? raw : undefined;
    case 'boolean':
      return ['true', 'yes'].includes(raw.toLowerCase()) ? true : ['false', 'no'].includes(raw.toLowerCase()) ? false : undefined;
    case 'list':
      return attribute.choices.find((choice) => choice.toLowerCase() === raw.toLowerCase());
    default:
      return raw;
  }
}
