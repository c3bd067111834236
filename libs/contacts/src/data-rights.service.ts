import { AuditService } from '@backtalk/audit';
import { AccessPolicy, type UserActor } from '@backtalk/auth';
import { type AuditOrigin, type ContactDataExport, type ContactDetailView, ConversationStatus, type DomainEvent, Role } from '@backtalk/contracts';
import { ConversationActionsService, ConversationEntity, MessageEntity, toMessageView } from '@backtalk/conversations';
import { toE164 } from '@backtalk/phone';
import { DomainError, EventLog, PhoneHasher } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Not } from 'typeorm';
import { ContactsService } from './contacts.service';

/** Messages read per query while an export streams: a long history never sits in memory at once. */
const EXPORT_MESSAGE_PAGE = 500;

/** What an erasure did: counts only, never the erased values. */
interface ErasureSummary {
  contactId: string;
  teamIds: string[];
  conversations: number;
  messages: number;
}

/**
 * The customer's data rights: a copy of everything Backtalk holds about them, and erasure.
 *
 * Erasure keeps the rows that reports count (conversations, messages with their times, directions, segments, costs and
 * delivery states; survey ratings) and removes, in place and in one transaction, everything that says who the customer
 * is or what anyone wrote: message texts and media links, the caller's references on notifications, multipart
 * fragments, notes, attribute values, survey comments (also where the thread's activity and the event log copied them),
 * merge history, import errors naming the number, and the contact's number, name and language. The number is replaced
 * by its keyed hash, which is all a later contact for the same number needs to inherit the opt-outs.
 */
@Injectable()
export class DataRightsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
    private readonly eventLog: EventLog,
    private readonly phoneHasher: PhoneHasher,
    private readonly audit: AuditService,
    private readonly actions: ConversationActionsService,
  ) {}

  /**
   * Admins only. `confirmPhone` must be the customer's number (any usual spelling of it); erasing an erased customer
   * changes nothing and answers the same. Returns the contact page as it now is. The audit entry commits with the
   * erasure and holds ids and counts only: the append-only trail must not keep what was just erased.
   */
  async erase(actor: UserActor, contactId: string, confirmPhone: string, origin?: AuditOrigin): Promise<ContactDetailView> {
    if (actor.role !== Role.Admin) throw DomainError.forbidden('Erasing a customer takes an admin');
    const events = await this.dataSource.transaction(async (manager) => {
      const [contact] = await manager.query<Array<{ id: string; phone: string | null }>>(`SELECT id, phone FROM contact WHERE id = $1 FOR UPDATE`, [contactId]);
      if (!contact) throw DomainError.notFound('Contact');
      if (contact.phone === null) return [];
      if (toE164(confirmPhone.trim()) !== contact.phone && confirmPhone.replace(/[\s().-]/g, '') !== contact.phone) {
        throw DomainError.validation('The number typed is not this customer’s number; nothing was erased', [
          { field: 'confirmPhone', messages: ['confirmPhone must be the customer’s phone number, as the contact page shows it'] },
        ]);
      }
      const summary = await this.eraseLocked(manager, contact.id, contact.phone);
      const resolved = await this.resolveOpenConversations(manager, actor, contact.id);
      await this.audit.record(
        {
          actor: { kind: 'user', userId: actor.userId },
          action: 'contact.erased',
          target: { type: 'contact', id: contactId },
          teamIds: summary.teamIds,
          diff: { after: { conversations: summary.conversations, messages: summary.messages } },
          ...(origin ? { origin } : {}),
        },
        manager,
      );
      return [...resolved, ...(await this.eventLog.append(manager, summary.teamIds.map((teamId) => ({ type: 'contact.updated' as const, teamId, conversationId: null, payload: { contactId } }))))];
    });
    this.eventLog.publish(events);
    return this.contacts.get(actor, contactId);
  }

  /**
   * Nobody can answer an erased customer (there is no number left to text), so their unresolved conversations are
   * resolved through the resolve button's own path, with a line saying why, instead of waiting in the inbox and the
   * queue with their SLA clocks running. Already locked by eraseLocked, in id order.
   */
  private async resolveOpenConversations(manager: EntityManager, actor: UserActor, contactId: string): Promise<DomainEvent[]> {
    const open = await manager.find(ConversationEntity, { where: { contactId, status: Not(ConversationStatus.Resolved) }, order: { id: 'ASC' } });
    const events: DomainEvent[] = [];
    for (const conversation of open) events.push(...(await this.actions.resolveLocked(manager, actor, conversation, 'customer_erased', { customerErased: true })));
    return events;
  }

  private async eraseLocked(manager: EntityManager, contactId: string, phone: string): Promise<ErasureSummary> {
    const conversations = await manager.query<Array<{ id: string; team_id: string }>>(`SELECT id, team_id FROM conversation WHERE contact_id = $1 ORDER BY id FOR UPDATE`, [contactId]);
    const conversationIds = conversations.map((row) => row.id);
    // What the inbox shows of them changed (the customer's name and number, the last message): consoles keep the
    // newer of two copies of a conversation by this time, so without it they would keep showing the erased one.
    await manager.query(`UPDATE conversation SET updated_at = now() WHERE id = ANY($1::uuid[])`, [conversationIds]);
    const [teams] = await manager.query<Array<{ team_ids: string[] }>>(
      `SELECT ARRAY(SELECT team_id::text FROM contact_presence WHERE contact_id = $1 UNION SELECT team_id::text FROM conversation WHERE contact_id = $1) AS team_ids`,
      [contactId],
    );
    // Selected from the UPDATE's rows: a bare UPDATE … RETURNING answers TypeORM's [rows, count] pair instead.
    const messages = await manager.query<Array<{ id: string }>>(
      `WITH erased AS (
         UPDATE message SET body = '', media = '[]'::jsonb, external_reference = NULL, metadata = NULL,
                body_removed_at = COALESCE(body_removed_at, now()), media_removed_at = COALESCE(media_removed_at, now()), removed_by = 'erasure'
         WHERE conversation_id = ANY($1::uuid[]) RETURNING id
       )
       SELECT id FROM erased`,
      [conversationIds],
    );
    await manager.query(`DELETE FROM concat_part WHERE sender = $1 OR message_id = ANY($2::uuid[])`, [phone, messages.map((row) => row.id)]);
    await manager.query(`DELETE FROM contact_note WHERE contact_id = $1`, [contactId]);
    await manager.query(`DELETE FROM contact_attribute_value WHERE contact_id = $1`, [contactId]);
    await manager.query(`UPDATE csat_response SET comment = NULL WHERE contact_id = $1 AND comment IS NOT NULL`, [contactId]);
    // The thread's survey line and the realtime log's copy of it carry the comment too; replay must not bring it back.
    await manager.query(`UPDATE conversation_activity SET data = data || '{"comment": null}'::jsonb WHERE conversation_id = ANY($1::uuid[]) AND type = 'csat_rated' AND data ? 'comment'`, [conversationIds]);
    await manager.query(
      `UPDATE domain_event SET payload = jsonb_set(payload, '{activity,data,comment}', 'null'::jsonb)
       WHERE conversation_id = ANY($1::uuid[]) AND type = 'conversation.activity' AND payload #>> '{activity,type}' = 'csat_rated'`,
      [conversationIds],
    );
    // The merged-in numbers keep their opt-outs through their hash, as the customer's own number does below. Merges
    // recorded before the hash was kept get it now, in the statement that blanks their number.
    const unhashed = await manager.query<Array<{ id: string; absorbed_phone: string }>>(
      `SELECT id, absorbed_phone FROM contact_merge WHERE contact_id = $1 AND absorbed_phone <> '' AND absorbed_phone_hash IS NULL`,
      [contactId],
    );
    const hashes = await Promise.all(unhashed.map((merge) => this.phoneHasher.hash(merge.absorbed_phone)));
    await manager.query(
      `UPDATE contact_merge m SET absorbed_phone = '', absorbed_name = '', absorbed_phone_hash = COALESCE(h.hash, m.absorbed_phone_hash)
       FROM contact_merge x LEFT JOIN unnest($2::uuid[], $3::text[]) AS h(id, hash) ON h.id = x.id
       WHERE m.id = x.id AND m.contact_id = $1`,
      [contactId, unhashed.map((merge) => merge.id), hashes],
    );
    await manager.query(`DELETE FROM contact_import_error WHERE phone = $1`, [phone]);
    await manager.query(`UPDATE contact SET phone = NULL, phone_hash = $2, name = '', language = NULL, erased_at = now(), updated_at = now() WHERE id = $1`, [contactId, await this.phoneHasher.hash(phone)]);
    return { contactId, teamIds: teams?.team_ids ?? [], conversations: conversations.length, messages: messages.length };
  }

  /**
   * Everything about the customer the viewer may see (an admin: everything), as one JSON document, streamed: the
   * messages are read a page at a time. Access is checked, and the first page read, before the first byte goes out,
   * so a refusal is an ordinary error response rather than a broken download.
   */
  async export(actor: UserActor, contactId: string, origin?: AuditOrigin): Promise<AsyncGenerator<string>> {
    const detail = await this.contacts.get(actor, contactId);
    const [contact] = await this.dataSource.query<Array<{ created_at: Date }>>(`SELECT created_at FROM contact WHERE id = $1`, [contactId]);
    const visible = AccessPolicy.visibleConversationsCondition(actor, 'c', 2);
    const conversations = await this.dataSource.query<Array<{ id: string; team_id: string; channel_id: string; status: string; created_at: Date; resolved_at: Date | null }>>(
      `SELECT c.id, c.team_id, c.channel_id, c.status, c.created_at, c.resolved_at FROM conversation c WHERE c.contact_id = $1 AND ${visible.sql} ORDER BY c.created_at, c.id`,
      [contactId, ...visible.parameters],
    );
    const conversationIds = conversations.map((row) => row.id);
    const channels = AccessPolicy.visibleTeamsCondition(actor, 'ch.team_id', 2);
    const [history, csat] = await Promise.all([
      this.dataSource.query<Array<{ action: 'opt_out' | 'opt_in'; source: ContactDataExport['consentHistory'][number]['source']; keyword: string | null; actor_user_id: string | null; channel_id: string; created_at: Date }>>(
        `SELECT e.action, e.source, e.keyword, e.actor_user_id, e.channel_id, e.created_at FROM consent_event e JOIN channel ch ON ch.id = e.channel_id
         WHERE e.contact_id = $1 AND ${channels.sql} ORDER BY e.created_at, e.id`,
        [contactId, ...channels.parameters],
      ),
      this.dataSource.query<Array<{ conversation_id: string; rating: number | null; comment: string | null; surveyed_at: Date; responded_at: Date | null }>>(
        `SELECT conversation_id, rating, comment, surveyed_at, responded_at FROM csat_response WHERE conversation_id = ANY($1::uuid[]) ORDER BY surveyed_at, id`,
        [conversationIds],
      ),
    ]);
    const head: Omit<ContactDataExport, 'messages' | 'csatResponses'> = {
      format: 'backtalk.contact-data-export.v1',
      exportedAt: new Date().toISOString(),
      contact: { id: detail.id, phone: detail.phone, name: detail.name, language: detail.language ?? null, createdAt: contact.created_at.toISOString(), erasedAt: detail.erasedAt ?? null },
      attributes: detail.attributes,
      notes: detail.notes.filter((note) => note.body !== ''),
      consent: detail.consent,
      consentHistory: history.map((row) => ({ action: row.action, source: row.source, keyword: row.keyword, actorUserId: row.actor_user_id, channelId: row.channel_id, createdAt: row.created_at.toISOString() })),
      conversations: conversations.map((row) => ({ id: row.id, teamId: row.team_id, channelId: row.channel_id, status: row.status, createdAt: row.created_at.toISOString(), resolvedAt: row.resolved_at?.toISOString() ?? null })),
    };
    const csatResponses: ContactDataExport['csatResponses'] = csat.map((row) => ({
      conversationId: row.conversation_id,
      rating: row.rating,
      comment: row.comment,
      surveyedAt: row.surveyed_at.toISOString(),
      respondedAt: row.responded_at?.toISOString() ?? null,
    }));
    const first = await this.messagePage(conversationIds, null);
    await this.audit.record({
      actor: { kind: 'user', userId: actor.userId },
      action: 'contact.data_exported',
      target: { type: 'contact', id: contactId },
      teamIds: [...new Set(conversations.map((row) => row.team_id))],
      diff: { after: { conversations: conversations.length } },
      ...(origin ? { origin } : {}),
    });
    const pages = (after: MessageEntity | null): Promise<MessageEntity[]> => this.messagePage(conversationIds, after);
    return (async function* document(): AsyncGenerator<string> {
      const opening = JSON.stringify(head);
      yield `${opening.slice(0, -1)},"messages":[`;
      let page = first;
      let separator = '';
      for (;;) {
        if (page.length > 0) {
          yield separator + page.map((message) => JSON.stringify(toMessageView(message))).join(',');
          separator = ',';
        }
        if (page.length < EXPORT_MESSAGE_PAGE) break;
        page = await pages(page[page.length - 1]);
      }
      yield `],"csatResponses":${JSON.stringify(csatResponses)}}`;
    })();
  }

  /** Oldest first, internal notes included (they are about the customer too), after `after` in (sent_at, id) order. */
  private messagePage(conversationIds: string[], after: MessageEntity | null): Promise<MessageEntity[]> {
    const query = this.dataSource
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .where('m.conversationId = ANY(:conversationIds)', { conversationIds })
      .orderBy('m.sentAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(EXPORT_MESSAGE_PAGE);
    // The key read back from the row itself: a Date stops at the millisecond, sent_at does not.
    if (after) query.andWhere('(m.sentAt, m.id) > ((SELECT k.sent_at FROM message k WHERE k.id = :id), :id)', { id: after.id });
    return query.getMany();
  }
}
