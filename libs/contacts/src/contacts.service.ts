import { AuditService } from '@backtalk/audit';
import { AccessPolicy, auditActorOf, type UserActor } from '@backtalk/auth';
import {
  type ConsentEventView,
  type ContactBlockView,
  type ContactDetailView,
  type ContactListItem,
  type ContactListQuery,
  type ContactMergeView,
  type ContactNoteView,
  type ContactSort,
  type ContactView,
  ConversationStatus,
  type DomainEvent,
  type Page,
  Role,
  type RoutingLanguage,
  type UpdateContactRequest,
} from '@backtalk/contracts';
import { ConversationActionsService, ConversationEntity, ConversationsService, searchCountries } from '@backtalk/conversations';
import { type PhoneSearch, phoneSearch } from '@backtalk/phone';
import { containsPattern, DomainError, EventLog, PhoneHasher } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Not } from 'typeorm';
import { ContactAttributesService } from './contact-attributes.service';
import { type ContactCursor, decodeContactCursor, encodeContactCursor } from './contact-search';

/** Positional parameters for raw SQL, numbered as they are added. */
class SqlParameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  /** The access rule's condition on a team id expression, with its parameters appended here. */
  visibleTeams(actor: UserActor, teamIdExpression: string): string {
    const condition = AccessPolicy.visibleTeamsCondition(actor, teamIdExpression, this.values.length + 1);
    this.values.push(...condition.parameters);
    return condition.sql;
  }
}

interface ListRow {
  id: string;
  /** Null once erased. */
  phone: string | null;
  name: string;
  erased_at: Date | null;
  created_at: Date;
  last_contact_at: Date;
  /** The sort keys as PostgreSQL prints them: to the microsecond, where a Date stops at the millisecond. */
  last_contact_key: string;
  created_key: string;
  opted_out: boolean;
  team_ids: string[];
}

const MAX_CONVERSATIONS_ON_PAGE = 200;
const MAX_CONSENT_EVENTS_ON_PAGE = 200;
/**
 * Up to this many matches a search sorts the matching contacts; beyond it, it walks the sort order filtering. Where
 * the two cost the same: walking reads about limit × contacts / matches rows, sorting reads the matches, which meet
 * near √(50 × 100,000) ≈ 2,200.
 */
const FEW_MATCHES = 2000;

/**
 * The contacts directory and the contact page. A contact is visible through a conversation in one of the viewer's
 * teams (contact_presence, kept by a trigger on conversation); everything about them the page shows is narrowed to
 * those teams and their channels: another team's consent ledger, notes and conversations are that team's.
 */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
    private readonly actions: ConversationActionsService,
    private readonly eventLog: EventLog,
    private readonly attributes: ContactAttributesService,
    private readonly audit: AuditService,
    private readonly phoneHasher: PhoneHasher,
  ) {}

  async list(actor: UserActor, query: ContactListQuery): Promise<Page<ContactListItem>> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const sort: ContactSort = query.sort ?? 'last_contact';
    const cursor = query.cursor ? decodeContactCursor(query.cursor, sort) : null;
    const params = new SqlParameters();
    const presence = (alias: string): string => {
      const conditions = [params.visibleTeams(actor, `${alias}.team_id`)];
      if (query.teamId) conditions.push(`${alias}.team_id = ${params.add(query.teamId)}`);
      if (query.channelId) conditions.push(`${alias}.channel_id = ${params.add(query.channelId)}`);
      return conditions.join(' AND ');
    };
    const contactConditions = await this.contactConditions(actor, query, params);

    let sql: string;
    if (sort === 'last_contact') {
      // Each visible contact once, at its latest visible presence row: read in index order, so a page stops early.
      const where = [
        presence('p'),
        `NOT EXISTS (SELECT 1 FROM contact_presence q WHERE q.contact_id = p.contact_id AND ${presence('q')}
           AND (q.last_contact_at, q.team_id, q.channel_id) > (p.last_contact_at, p.team_id, p.channel_id))`,
        ...contactConditions,
        ...this.lastContactRange('p.last_contact_at', query, params),
      ];
      if (cursor?.sort === 'last_contact') where.push(`(p.last_contact_at, p.contact_id) < (${params.add(cursor.at)}::timestamptz, ${params.add(cursor.id)}::uuid)`);
      sql = `SELECT ct.id, ct.phone, ct.name, ct.erased_at, ct.created_at, p.last_contact_at, p.last_contact_at::text AS last_contact_key, ct.created_at::text AS created_key, ${this.optedOut(actor, query, params)} AS opted_out, ${this.teamsSeen(actor, params)} AS team_ids
             FROM contact_presence p JOIN contact ct ON ct.id = p.contact_id
             WHERE ${where.join(' AND ')}
             ORDER BY p.last_contact_at DESC, p.contact_id DESC LIMIT ${limit + 1}`;
    } else {
      const where = [...contactConditions, ...this.lastContactRange('v.last_contact_at', query, params)];
      let order: string;
      if (sort === 'name') {
        order = `(ct.name = ''), ct.name, ct.id`;
        if (cursor?.sort === 'name') where.push(`((ct.name = ''), ct.name, ct.id) > (${params.add(cursor.name)} = '', ${params.add(cursor.name)}, ${params.add(cursor.id)}::uuid)`);
      } else {
        order = `ct.created_at DESC, ct.id DESC`;
        if (cursor?.sort === 'created') where.push(`(ct.created_at, ct.id) < (${params.add(cursor.at)}::timestamptz, ${params.add(cursor.id)}::uuid)`);
      }
      sql = `SELECT ct.id, ct.phone, ct.name, ct.erased_at, ct.created_at, v.last_contact_at, v.last_contact_at::text AS last_contact_key, ct.created_at::text AS created_key, ${this.optedOut(actor, query, params)} AS opted_out, ${this.teamsSeen(actor, params)} AS team_ids
             FROM contact ct
             JOIN LATERAL (SELECT max(p.last_contact_at) AS last_contact_at FROM contact_presence p WHERE p.contact_id = ct.id AND ${presence('p')}) v
               ON v.last_contact_at IS NOT NULL
             ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
             ORDER BY ${order} LIMIT ${limit + 1}`;
    }

    const rows = await this.dataSource.query<ListRow[]>(sql, params.values);
    const last = rows[limit - 1];
    return { items: rows.slice(0, limit).map(toListItem), nextCursor: rows.length > limit && last ? encodeContactCursor(cursorAfter(sort, last)) : null };
  }

  async get(actor: UserActor, contactId: string): Promise<ContactDetailView> {
    const params = new SqlParameters();
    const id = params.add(contactId);
    const [contact] = await this.dataSource.query<Array<{ id: string; phone: string | null; name: string; language: RoutingLanguage | null; erased_at: Date | null; created_at: Date; last_contact_at: Date | null }>>(
      `SELECT ct.id, ct.phone, ct.name, ct.language, ct.erased_at, ct.created_at,
              (SELECT max(p.last_contact_at) FROM contact_presence p WHERE p.contact_id = ct.id AND ${params.visibleTeams(actor, 'p.team_id')}) AS last_contact_at
       FROM contact ct WHERE ct.id = ${id}`,
      params.values,
    );
    const conversationIds = contact ? await this.visibleConversationIds(actor, contactId) : [];
    // Visible through a team it was seen in, or through a conversation assigned to the viewer after a transfer.
    if (!contact || (contact.last_contact_at === null && conversationIds.length === 0)) throw DomainError.notFound('Contact');

    const channels = new SqlParameters();
    const channelContact = channels.add(contactId);
    const visibleChannel = channels.visibleTeams(actor, 'ch.team_id');
    const [consent, history, notes, views, attributes, merges, blocks] = await Promise.all([
      this.dataSource.query<Array<{ channel_id: string; channel_name: string; opted_out: boolean; updated_at: Date }>>(
        `SELECT cs.channel_id, ch.name AS channel_name, cs.opted_out, cs.updated_at FROM consent cs JOIN channel ch ON ch.id = cs.channel_id
         WHERE cs.contact_id = ${channelContact} AND ${visibleChannel} ORDER BY ch.name, ch.id`,
        channels.values,
      ),
      this.dataSource.query<Array<{ action: ConsentEventView['action']; source: ConsentEventView['source']; keyword: string | null; actor_user_id: string | null; channel_id: string; created_at: Date }>>(
        `SELECT e.action, e.source, e.keyword, e.actor_user_id, e.channel_id, e.created_at FROM consent_event e JOIN channel ch ON ch.id = e.channel_id
         WHERE e.contact_id = ${channelContact} AND ${visibleChannel} ORDER BY e.created_at DESC, e.id DESC LIMIT ${MAX_CONSENT_EVENTS_ON_PAGE}`,
        channels.values,
      ),
      this.notes(actor, contactId),
      this.conversations.viewsOf(conversationIds),
      this.attributes.valuesOf([contactId]),
      this.merges(contactId),
      this.blocks(actor, contactId),
    ]);
    return {
      id: contact.id,
      phone: contact.phone ?? '',
      name: contact.name,
      createdAt: contact.created_at.toISOString(),
      lastContactAt: contact.last_contact_at?.toISOString() ?? null,
      consent: consent.map((row) => ({ channelId: row.channel_id, channelName: row.channel_name, optedOut: row.opted_out, updatedAt: row.updated_at.toISOString() })),
      consentHistory: history.map((row) => ({ action: row.action, source: row.source, keyword: row.keyword, actorUserId: row.actor_user_id, channelId: row.channel_id, createdAt: row.created_at.toISOString() })),
      notes,
      attributes: attributes.get(contactId) ?? {},
      conversations: conversationIds.map((conversationId) => views.get(conversationId)).filter((view) => view !== undefined),
      merges,
      blocks,
      language: contact.language,
      erasedAt: contact.erased_at?.toISOString() ?? null,
    };
  }

  /**
   * Folds `otherContactId` into `contactId` in one transaction and deletes it: everything that names the other contact
   * moves (conversations, consent and its history, survey answers, presence, notes, attribute values, earlier merges).
   * Where both have a row of the same key, the survivor's wins, except that a team's two notes are joined and an opt-out
   * on either holds (a STOP is not undone by merging). Two open conversations on one channel cannot become one
   * customer's (uq_conversation_active), so that is refused: someone resolves one first.
   */
  async merge(actor: UserActor, contactId: string, otherContactId: string): Promise<ContactDetailView> {
    if (contactId === otherContactId) throw DomainError.validation('Invalid request: a contact cannot be merged with itself', [{ field: 'otherContactId', messages: ['otherContactId must name another contact'] }]);
    const events = await this.dataSource.transaction(async (manager) => {
      // Both rows locked in one order, so two merges of the same pair cannot wait on each other.
      const locked = await manager.query<Array<{ id: string; phone: string | null; name: string }>>(`SELECT id, phone, name FROM contact WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[contactId, otherContactId]]);
      const survivor = locked.find((row) => row.id === contactId);
      const absorbed = locked.find((row) => row.id === otherContactId);
      // An erased customer is no one's any more: merging would tie what is left of them to a person again.
      if (survivor?.phone === null || absorbed?.phone === null) throw DomainError.conflict('An erased customer cannot be merged with another contact');
      const survivorTeams = await this.visibleTeamsOf(manager, actor, survivor?.id);
      const absorbedTeams = await this.visibleTeamsOf(manager, actor, absorbed?.id);
      if (!survivor || !survivorTeams) throw DomainError.notFound('Contact');
      if (!absorbed || !absorbedTeams) throw DomainError.notFound('Contact');
      const shared = survivorTeams.all.filter((teamId) => absorbedTeams.all.includes(teamId));
      if (actor.role !== Role.Admin && !shared.some((teamId) => AccessPolicy.canManageTeam(actor, teamId))) {
        throw DomainError.forbidden('Merging contacts takes an admin, or a supervisor of a team both contacts were seen in');
      }
      const [clash] = await manager.query<Array<{ name: string }>>(
        `SELECT ch.name FROM conversation a JOIN conversation b ON b.channel_id = a.channel_id JOIN channel ch ON ch.id = a.channel_id
         WHERE a.contact_id = $1 AND b.contact_id = $2 AND a.status <> 'resolved' AND b.status <> 'resolved' ORDER BY ch.name LIMIT 1`,
        [contactId, otherContactId],
      );
      if (clash) throw DomainError.conflict(`Both contacts have an open conversation on ${clash.name}; resolve one of them first, then merge`);
      const [longNotes] = await manager.query<Array<{ name: string }>>(
        `SELECT t.name FROM contact_note a JOIN contact_note b ON b.team_id = a.team_id JOIN team t ON t.id = a.team_id
         WHERE a.contact_id = $1 AND b.contact_id = $2 AND length(a.body) + length(b.body) + 2 > 4000 ORDER BY t.name LIMIT 1`,
        [contactId, otherContactId],
      );
      if (longNotes) throw DomainError.conflict(`${longNotes.name}’s notes on the two contacts together are over 4,000 characters; shorten one of them first, then merge`);

      const ids = [contactId, otherContactId];
      // Read before consent moves: the next contact for the absorbed number starts opted out on these (see ConsentService).
      const [{ channel_ids: absorbedOptedOut }] = await manager.query<Array<{ channel_ids: string[] }>>(
        `SELECT ARRAY(SELECT channel_id FROM consent WHERE contact_id = $1 AND opted_out ORDER BY channel_id) AS channel_ids`,
        [otherContactId],
      );
      await manager.query(`UPDATE conversation SET contact_id = $1 WHERE contact_id = $2`, ids);
      await manager.query(`UPDATE consent_event SET contact_id = $1 WHERE contact_id = $2`, ids);
      await manager.query(`UPDATE csat_response SET contact_id = $1 WHERE contact_id = $2`, ids);
      await manager.query(`UPDATE contact_merge SET contact_id = $1 WHERE contact_id = $2`, ids);
      // Blocked in a team under either number stays blocked there.
      await manager.query(`INSERT INTO contact_block (contact_id, team_id, blocked_by, blocked_at) SELECT $1, team_id, blocked_by, blocked_at FROM contact_block WHERE contact_id = $2 ON CONFLICT DO NOTHING`, ids);
      await manager.query(
        `INSERT INTO contact_presence (contact_id, team_id, channel_id, first_contact_at, last_contact_at)
         SELECT $1, team_id, channel_id, first_contact_at, last_contact_at FROM contact_presence WHERE contact_id = $2
         ON CONFLICT (contact_id, team_id, channel_id) DO UPDATE SET first_contact_at = LEAST(contact_presence.first_contact_at, EXCLUDED.first_contact_at), last_contact_at = GREATEST(contact_presence.last_contact_at, EXCLUDED.last_contact_at)`,
        ids,
      );
      await manager.query(
        `INSERT INTO consent (contact_id, channel_id, opted_out, updated_at) SELECT $1, channel_id, opted_out, updated_at FROM consent WHERE contact_id = $2
         ON CONFLICT (contact_id, channel_id) DO UPDATE SET opted_out = consent.opted_out OR EXCLUDED.opted_out, updated_at = GREATEST(consent.updated_at, EXCLUDED.updated_at)`,
        ids,
      );
      await manager.query(
        `INSERT INTO contact_note (contact_id, team_id, body, updated_by, created_at, updated_at) SELECT $1, team_id, body, updated_by, created_at, updated_at FROM contact_note WHERE contact_id = $2
         ON CONFLICT (contact_id, team_id) DO UPDATE SET body = contact_note.body || E'\n\n' || EXCLUDED.body, updated_at = now()`,
        ids,
      );
      await manager.query(
        `INSERT INTO contact_attribute_value (contact_id, attribute_id, attribute_type, text_value, number_value, date_value, boolean_value, choice_value, updated_by, updated_at)
         SELECT $1, attribute_id, attribute_type, text_value, number_value, date_value, boolean_value, choice_value, updated_by, updated_at FROM contact_attribute_value WHERE contact_id = $2
         ON CONFLICT (contact_id, attribute_id) DO NOTHING`,
        ids,
      );
      for (const table of ['contact_presence', 'consent', 'contact_note', 'contact_attribute_value', 'contact_block']) await manager.query(`DELETE FROM ${table} WHERE contact_id = $1`, [otherContactId]);
      await this.assertNothingLeft(manager, otherContactId);
      await manager.query(
        `INSERT INTO contact_merge (contact_id, absorbed_contact_id, absorbed_phone, absorbed_name, merged_by, absorbed_opted_out_channel_ids, absorbed_phone_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [contactId, otherContactId, absorbed.phone, absorbed.name, actor.userId, absorbedOptedOut, await this.phoneHasher.hash(absorbed.phone)],
      );
      if (!survivor.name && absorbed.name) await manager.query(`UPDATE contact SET name = $2, updated_at = now() WHERE id = $1`, [contactId, absorbed.name]);
      // The language someone set on either number still says how the person wants to be answered.
      await manager.query(`UPDATE contact SET language = (SELECT language FROM contact WHERE id = $2) WHERE id = $1 AND language IS NULL`, [contactId, otherContactId]);
      await manager.query(`DELETE FROM contact WHERE id = $1`, [otherContactId]);
      const teams = new Set([...survivorTeams.all, ...absorbedTeams.all]);
      // Ids only: a customer's number or name in the append-only trail could never be erased with the rest of them.
      await this.audit.record(
        { actor: auditActorOf(actor), action: 'contact.merged', target: { type: 'contact', id: contactId }, teamIds: [...teams], diff: { before: { absorbedContactId: otherContactId } } },
        manager,
      );
      return this.eventLog.append(manager, [...teams].map((teamId) => ({ type: 'contact.updated' as const, teamId, conversationId: null, payload: { contactId } })));
    });
    this.eventLog.publish(events);
    return this.get(actor, contactId);
  }

  /**
   * Blocks (or with `blocked` false unblocks) the contact in one team: admins, and supervisors of that team, where the
   * contact was seen. Blocking also resolves the team's conversations with the contact that are not resolved yet,
   * assigned ones included (a spammer's thread is no one's work), in the same transaction and through the same resolve
   * as the button, with a line saying the number was blocked; the survey sweep skips them because the block commits
   * with the resolve. Unblocking reopens nothing: the next message is handled as usual.
   */
  async setBlocked(actor: UserActor, contactId: string, teamId: string, blocked: boolean): Promise<ContactDetailView> {
    const events = await this.dataSource.transaction(async (manager) => {
      const teams = await this.teamsOf(manager, contactId);
      const visible = await this.visibleConversationIds(actor, contactId, manager);
      if (visible.length === 0 && !teams.some((seen) => AccessPolicy.canSeeTeam(actor, seen))) throw DomainError.notFound('Contact');
      // Another team's id answers like a made-up one, as for notes.
      if (!teams.includes(teamId) || !AccessPolicy.canSeeTeam(actor, teamId)) throw DomainError.notFound('Team');
      if (!AccessPolicy.canManageTeam(actor, teamId)) throw DomainError.forbidden('Blocking a number takes an admin or a supervisor of the team');
      const changed = blocked
        ? await manager.query<unknown[]>(`INSERT INTO contact_block (contact_id, team_id, blocked_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`, [contactId, teamId, actor.userId])
        : await manager.query<unknown[]>(`DELETE FROM contact_block WHERE contact_id = $1 AND team_id = $2 RETURNING 1`, [contactId, teamId]);
      if (changed.length === 0) return [];
      const events = await this.eventLog.append(manager, [{ type: 'contact.updated' as const, teamId, conversationId: null, payload: { contactId } }]);
      if (blocked) events.push(...(await this.resolveBlockedConversations(manager, actor, contactId, teamId)));
      return events;
    });
    this.eventLog.publish(events);
    return this.get(actor, contactId);
  }

  /** Locked in id order, so two people blocking the same number at once cannot deadlock each other. */
  private async resolveBlockedConversations(manager: EntityManager, actor: UserActor, contactId: string, teamId: string): Promise<DomainEvent[]> {
    const open = await manager.find(ConversationEntity, {
      where: { contactId, teamId, status: Not(ConversationStatus.Resolved) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const events: DomainEvent[] = [];
    for (const conversation of open) events.push(...(await this.actions.resolveLocked(manager, actor, conversation, 'number_blocked', { numberBlocked: true })));
    return events;
  }

  private async blocks(actor: UserActor, contactId: string): Promise<ContactBlockView[]> {
    const params = new SqlParameters();
    const id = params.add(contactId);
    const rows = await this.dataSource.query<Array<{ team_id: string; team_name: string; blocked_by_name: string | null; blocked_at: Date }>>(
      `SELECT b.team_id, t.name AS team_name, u.name AS blocked_by_name, b.blocked_at FROM contact_block b JOIN team t ON t.id = b.team_id LEFT JOIN app_user u ON u.id = b.blocked_by
       WHERE b.contact_id = ${id} AND ${params.visibleTeams(actor, 'b.team_id')} ORDER BY t.name, t.id`,
      params.values,
    );
    return rows.map((row) => ({ teamId: row.team_id, teamName: row.team_name, blockedByName: row.blocked_by_name, blockedAt: row.blocked_at.toISOString() }));
  }

  /**
   * Every table with a foreign key to contact, read from the catalog: one added later without a line in merge() would
   * otherwise lose its rows to ON DELETE CASCADE silently; this fails the merge instead.
   */
  private async assertNothingLeft(manager: EntityManager, contactId: string): Promise<void> {
    const references = await manager.query<Array<{ table_name: string; column_name: string }>>(
      `SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
       WHERE c.contype = 'f' AND c.confrelid = 'contact'::regclass`,
    );
    for (const reference of references) {
      const [left] = await manager.query<Array<{ exists: boolean }>>(`SELECT EXISTS (SELECT 1 FROM ${reference.table_name} WHERE ${reference.column_name} = $1) AS exists`, [contactId]);
      if (left?.exists) throw new Error(`Merge left rows in ${reference.table_name}.${reference.column_name} naming the absorbed contact`);
    }
  }

  /** Every team the contact was seen in, or null when the actor can see none of them nor one of its conversations. */
  private async visibleTeamsOf(manager: EntityManager, actor: UserActor, contactId: string | undefined): Promise<{ all: string[] } | null> {
    if (!contactId) return null;
    const rows = await manager.query<Array<{ team_id: string }>>(`SELECT DISTINCT team_id FROM contact_presence WHERE contact_id = $1`, [contactId]);
    const all = rows.map((row) => row.team_id);
    if (all.some((teamId) => AccessPolicy.canSeeTeam(actor, teamId))) return { all };
    return (await this.visibleConversationIds(actor, contactId, manager)).length > 0 ? { all } : null;
  }

  private async merges(contactId: string): Promise<ContactMergeView[]> {
    const rows = await this.dataSource.query<Array<{ absorbed_phone: string; absorbed_name: string; merged_by_name: string | null; merged_at: Date }>>(
      `SELECT m.absorbed_phone, m.absorbed_name, u.name AS merged_by_name, m.merged_at FROM contact_merge m LEFT JOIN app_user u ON u.id = m.merged_by
       WHERE m.contact_id = $1 ORDER BY m.merged_at DESC, m.id`,
      [contactId],
    );
    return rows.map((row) => ({ absorbedPhone: row.absorbed_phone, absorbedName: row.absorbed_name, mergedByName: row.merged_by_name, mergedAt: row.merged_at.toISOString() }));
  }

  /**
   * The shared fields (name) change for every team that knows the contact; notes only for `teamId`, which the actor
   * must be in (or be an admin) and the contact must have been seen in. Attributes are shared like the name.
   */
  async update(actor: UserActor, contactId: string, request: UpdateContactRequest): Promise<ContactView> {
    if (request.notes !== undefined && !request.teamId) throw DomainError.validation('Invalid request: notes belong to a team; say which with teamId', [{ field: 'teamId', messages: ['teamId is required with notes'] }]);
    const events = await this.dataSource.transaction(async (manager) => {
      const teams = await this.teamsOf(manager, contactId);
      const visible = await this.visibleConversationIds(actor, contactId, manager);
      if (visible.length === 0 && !teams.some((teamId) => AccessPolicy.canSeeTeam(actor, teamId))) throw DomainError.notFound('Contact');
      const [erased] = await manager.query<unknown[]>(`SELECT 1 FROM contact WHERE id = $1 AND erased_at IS NOT NULL`, [contactId]);
      if (erased) throw DomainError.conflict('This customer was erased: nothing about them can be written any more');
      const changed = new Set<string>();
      if (request.name !== undefined) {
        await manager.query(`UPDATE contact SET name = $2, updated_at = now() WHERE id = $1`, [contactId, request.name.trim()]);
        for (const teamId of teams) changed.add(teamId);
      }
      if (request.language !== undefined) {
        await manager.query(`UPDATE contact SET language = $2, updated_at = now() WHERE id = $1`, [contactId, request.language]);
        for (const teamId of teams) changed.add(teamId);
      }
      if (request.attributes && (await this.attributes.write(manager, actor, contactId, request.attributes))) {
        for (const teamId of teams) changed.add(teamId);
      }
      if (request.notes !== undefined && request.teamId) {
        await this.writeNote(manager, actor, contactId, request.teamId, request.notes, teams);
        changed.add(request.teamId);
      }
      return this.eventLog.append(manager, [...changed].map((teamId) => ({ type: 'contact.updated' as const, teamId, conversationId: null, payload: { contactId } })));
    });
    this.eventLog.publish(events);
    const [row] = await this.dataSource.query<Array<{ id: string; phone: string | null; name: string; language: RoutingLanguage | null; notes: string | null }>>(
      `SELECT ct.id, ct.phone, ct.name, ct.language, n.body AS notes FROM contact ct LEFT JOIN contact_note n ON n.contact_id = ct.id AND n.team_id = $2 WHERE ct.id = $1`,
      [contactId, request.teamId ?? null],
    );
    return { id: row.id, phone: row.phone ?? '', name: row.name, notes: row.notes ?? '', language: row.language, erasedAt: null };
  }

  /**
   * The teams whose contacts an export with these filters can hold: the caller's visible teams, narrowed by the team
   * or channel filter. An audit entry about the export is shown to those teams' supervisors; a filter aimed at a team
   * the caller cannot see narrows it to none, so only admins read about that attempt.
   */
  async exportTeams(actor: UserActor, query: Pick<ContactListQuery, 'teamId' | 'channelId'>): Promise<string[]> {
    const visible = AccessPolicy.visibleTeams(actor);
    let teams: 'all' | string[] = visible === 'all' ? 'all' : [...visible];
    const narrow = (team: string | undefined) => {
      teams = !team ? [] : teams === 'all' ? [team] : teams.filter((candidate) => candidate === team);
    };
    if (query.teamId) narrow(query.teamId);
    if (query.channelId) narrow((await this.dataSource.query<Array<{ team_id: string }>>(`SELECT team_id FROM channel WHERE id = $1`, [query.channelId]))[0]?.team_id);
    return teams === 'all' ? [] : teams;
  }

  /** Another team's notes answer 404 exactly like a contact nobody has, so writing cannot probe them either. */
  private async writeNote(manager: EntityManager, actor: UserActor, contactId: string, teamId: string, body: string, teams: readonly string[]): Promise<void> {
    if (!AccessPolicy.canSeeTeam(actor, teamId) || !teams.includes(teamId)) throw DomainError.notFound('Contact');
    const text = body.trim();
    if (!text) {
      await manager.query(`DELETE FROM contact_note WHERE contact_id = $1 AND team_id = $2`, [contactId, teamId]);
      return;
    }
    await manager.query(
      `INSERT INTO contact_note (contact_id, team_id, body, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (contact_id, team_id) DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [contactId, teamId, text, actor.userId],
    );
  }

  /** The teams the contact was seen in, the contact row locked so concurrent edits of it take turns. */
  private async teamsOf(manager: EntityManager, contactId: string): Promise<string[]> {
    const [contact] = await manager.query<Array<{ id: string }>>(`SELECT id FROM contact WHERE id = $1 FOR UPDATE`, [contactId]);
    if (!contact) throw DomainError.notFound('Contact');
    const rows = await manager.query<Array<{ team_id: string }>>(`SELECT DISTINCT team_id FROM contact_presence WHERE contact_id = $1`, [contactId]);
    return rows.map((row) => row.team_id);
  }

  private async notes(actor: UserActor, contactId: string): Promise<ContactNoteView[]> {
    const params = new SqlParameters();
    const id = params.add(contactId);
    const rows = await this.dataSource.query<Array<{ team_id: string; team_name: string; body: string | null; updated_at: Date | null }>>(
      `SELECT t.id AS team_id, t.name AS team_name, n.body, n.updated_at
       FROM team t LEFT JOIN contact_note n ON n.team_id = t.id AND n.contact_id = ${id}
       WHERE t.id IN (SELECT p.team_id FROM contact_presence p WHERE p.contact_id = ${id}) AND ${params.visibleTeams(actor, 't.id')}
       ORDER BY t.name, t.id`,
      params.values,
    );
    return rows.map((row) => ({ teamId: row.team_id, teamName: row.team_name, body: row.body ?? '', updatedAt: row.updated_at?.toISOString() ?? null }));
  }

  private async visibleConversationIds(actor: UserActor, contactId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const condition = AccessPolicy.visibleConversationsCondition(actor, 'c', 2);
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT c.id FROM conversation c WHERE c.contact_id = $1 AND ${condition.sql} ORDER BY c.last_message_at DESC, c.id DESC LIMIT ${MAX_CONVERSATIONS_ON_PAGE}`,
      [contactId, ...condition.parameters],
    );
    return rows.map((row) => row.id);
  }

  /** Search and consent, on the contact row `ct`. */
  private async contactConditions(actor: UserActor, query: ContactListQuery, params: SqlParameters): Promise<string[]> {
    const conditions: string[] = [];
    const search = query.q ? phoneSearch(query.q, await searchCountries(this.dataSource, actor)) : null;
    if (search) {
      const few = await this.fewMatches(actor, search);
      if (few) {
        conditions.push(`ct.id = ANY(${params.add(few)}::uuid[])`);
      } else {
        // The expression of the trigram index over number and name.
        const fragment = `(ct.phone || ' ' || ct.name) ILIKE ${params.add(containsPattern(search.fragment))}`;
        conditions.push(search.numbers.length > 0 ? `(ct.phone = ANY(${params.add(search.numbers)}::varchar[]) OR ${fragment})` : fragment);
      }
    }
    conditions.push(...(await this.attributes.filterConditions(query.attribute ?? [], (value) => params.add(value))));
    if (query.consent) conditions.push(`${query.consent === 'opted_out' ? '' : 'NOT '}${this.optedOut(actor, query, params)}`);
    return conditions;
  }

  /**
   * The visible contacts a search matches, when they are few (else null). PostgreSQL cannot estimate how many rows a
   * trigram ILIKE matches and guesses 1 %, so for a rare fragment it walks the directory's sort order looking for
   * matches and reads all 100,000 contacts (0.5 s). Asking the trigram index first (a few ms, stopping at the limit)
   * and then sorting only those ids is fast for rare fragments; a common one (`customer`) matches densely, and walking
   * the sort order finds a page of matches at once.
   */
  private async fewMatches(actor: UserActor, search: PhoneSearch): Promise<string[] | null> {
    const params = new SqlParameters();
    const fragment = `(ct.phone || ' ' || ct.name) ILIKE ${params.add(containsPattern(search.fragment))}`;
    const matches = search.numbers.length > 0 ? `(ct.phone = ANY(${params.add(search.numbers)}::varchar[]) OR ${fragment})` : fragment;
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT ct.id FROM contact ct WHERE ${matches}
         AND EXISTS (SELECT 1 FROM contact_presence p WHERE p.contact_id = ct.id AND ${params.visibleTeams(actor, 'p.team_id')})
       LIMIT ${FEW_MATCHES + 1}`,
      params.values,
    );
    return rows.length <= FEW_MATCHES ? rows.map((row) => row.id) : null;
  }

  /** Opted out on a channel of the viewer's teams (the filtered channel, when there is one). */
  private optedOut(actor: UserActor, query: ContactListQuery, params: SqlParameters): string {
    const channel = query.channelId ? `cs.channel_id = ${params.add(query.channelId)}` : params.visibleTeams(actor, 'och.team_id');
    return `EXISTS (SELECT 1 FROM consent cs JOIN channel och ON och.id = cs.channel_id WHERE cs.contact_id = ct.id AND cs.opted_out AND ${channel})`;
  }

  /** The viewer's teams the contact was seen in: read from the contact's own presence rows (its primary key's prefix). */
  private teamsSeen(actor: UserActor, params: SqlParameters): string {
    return `ARRAY(SELECT DISTINCT ts.team_id FROM contact_presence ts WHERE ts.contact_id = ct.id AND ${params.visibleTeams(actor, 'ts.team_id')})`;
  }

  private lastContactRange(column: string, query: ContactListQuery, params: SqlParameters): string[] {
    const conditions: string[] = [];
    if (query.lastContactFrom) conditions.push(`${column} >= ${params.add(query.lastContactFrom)}::timestamptz`);
    if (query.lastContactTo) conditions.push(`${column} < ${params.add(query.lastContactTo)}::timestamptz`);
    return conditions;
  }
}

function toListItem(row: ListRow): ContactListItem {
  return { id: row.id, phone: row.phone ?? '', name: row.name, erasedAt: row.erased_at?.toISOString() ?? null, createdAt: row.created_at.toISOString(), lastContactAt: row.last_contact_at.toISOString(), optedOut: row.opted_out, teamIds: row.team_ids };
}

function cursorAfter(sort: ContactSort, last: ListRow): ContactCursor {
  if (sort === 'name') return { sort, name: last.name, id: last.id };
  return { sort, at: sort === 'created' ? last.created_key : last.last_contact_key, id: last.id };
}
