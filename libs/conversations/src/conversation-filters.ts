import { AccessPolicy, type UserActor } from '@backtalk/auth';
import { type ConversationFilters, ConversationPriority, ConversationStatus, type InboxSort, type InboxView, ROUTING_LANGUAGES, type RoutingLanguage, SLA_STATES, SLA_WARNING_FRACTION, type SlaState } from '@backtalk/contracts';
import { type CountryCode, isCountryCode, type PhoneSearch, phoneSearch } from '@backtalk/phone';
import { containsPattern, DomainError } from '@backtalk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { LRUCache } from 'lru-cache';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A repeated query parameter arrives as an array, a single one as a string; a JSON body sends the array itself. */
const asList = ({ value }: { value: unknown }) => (value === undefined ? undefined : [value].flat());
/** `true`/`false` in a query string, a boolean in a JSON body; anything else is left for IsBoolean to refuse. */
const asBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const INSTANT = { strict: true, strictSeparator: true } as const;

/** The inbox list's filters as the API reads them, from a query string (the list) or a JSON body (a saved view). */
export class ConversationFiltersDto implements ConversationFilters {
  @ApiPropertyOptional({ enum: ['mine', 'unassigned', 'team', 'all'] }) @IsOptional() @IsIn(['mine', 'unassigned', 'team', 'all']) view?: InboxView;
  @ApiPropertyOptional({ enum: ['recent', 'waiting'] }) @IsOptional() @IsIn(['recent', 'waiting']) sort?: InboxSort;
  @ApiPropertyOptional({ description: 'Number, name or message text' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: ConversationStatus, description: 'Left out: every status' }) @IsOptional() @IsEnum(ConversationStatus) status?: ConversationStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') teamId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') channelId?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Only conversations with any of these labels; repeat for several' })
  @IsOptional()
  @Transform(asList)
  @ArrayMaxSize(20)
  @IsUUID('4', { each: true })
  labelId?: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'Assigned to this person' }) @IsOptional() @IsUUID('4') assigneeId?: string;
  @ApiPropertyOptional({ enum: ConversationPriority, isArray: true, description: 'Any of these priorities; repeat for several' })
  @IsOptional()
  @Transform(asList)
  @ArrayMaxSize(4)
  @IsEnum(ConversationPriority, { each: true })
  priority?: ConversationPriority[];
  @ApiPropertyOptional({ enum: ROUTING_LANGUAGES, isArray: true, description: "The customer's detected language, any of these" })
  @IsOptional()
  @Transform(asList)
  @ArrayMaxSize(ROUTING_LANGUAGES.length)
  @IsIn(ROUTING_LANGUAGES, { each: true })
  language?: RoutingLanguage[];
  @ApiPropertyOptional({ enum: SLA_STATES, description: 'at_risk: under a quarter of the SLA target left; breached: past due and still waiting' })
  @IsOptional()
  @IsIn(SLA_STATES)
  sla?: SlaState;
  @ApiPropertyOptional({ type: Boolean }) @IsOptional() @Transform(asBoolean) @IsBoolean() optedOut?: boolean;
  @ApiPropertyOptional({ type: Boolean, description: 'Has unread messages' }) @IsOptional() @Transform(asBoolean) @IsBoolean() unread?: boolean;
  @ApiPropertyOptional({ format: 'date-time', description: 'Started at or after' }) @IsOptional() @IsISO8601(INSTANT) createdFrom?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Started before' }) @IsOptional() @IsISO8601(INSTANT) createdTo?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Last message at or after' }) @IsOptional() @IsISO8601(INSTANT) activeFrom?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Last message before' }) @IsOptional() @IsISO8601(INSTANT) activeTo?: string;
}

/**
 * Narrows a query over `conversation c` (joined to `contact ct`) to the filters. It does not apply the access rule:
 * callers scope the query with AccessPolicy first, so a filter can only narrow what the viewer may see. The search
 * box's text is read beforehand by readConversationSearch, which also answers it by ids when it matched few.
 */
export function applyConversationFilters<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  actor: UserActor,
  filters: Omit<ConversationFilters, 'q'>,
  search: ConversationSearch | null,
): SelectQueryBuilder<T> {
  switch (filters.view ?? 'all') {
    case 'mine':
      query.andWhere('c.assignee_id = :viewerId', { viewerId: actor.userId });
      break;
    case 'unassigned':
      query.andWhere('c.assignee_id IS NULL');
      break;
    case 'team':
      if (!filters.teamId) throw DomainError.validation('teamId is required for the team view');
      query.andWhere('c.team_id = :viewTeamId', { viewTeamId: filters.teamId });
      break;
    case 'all':
      if (filters.teamId) query.andWhere('c.team_id = :viewTeamId', { viewTeamId: filters.teamId });
      break;
  }
  if (filters.status) query.andWhere('c.status = :status', { status: filters.status });
  if (filters.channelId) query.andWhere('c.channel_id = :channelId', { channelId: filters.channelId });
  if (filters.assigneeId) query.andWhere('c.assignee_id = :filterAssigneeId', { filterAssigneeId: filters.assigneeId });
  const labelIds = listOf(filters.labelId);
  if (labelIds.length > 0) {
    query.andWhere('EXISTS (SELECT 1 FROM conversation_label fl WHERE fl.conversation_id = c.id AND fl.label_id IN (:...labelIds))', { labelIds });
  }
  const priorities = listOf(filters.priority);
  if (priorities.length > 0) query.andWhere('c.priority IN (:...priorities)', { priorities });
  const languages = listOf(filters.language);
  if (languages.length > 0) query.andWhere('c.language IN (:...languages)', { languages });
  if (filters.sla === 'breached') query.andWhere('c.sla_due_at <= now()');
  if (filters.sla === 'at_risk') {
    // The queue view's definition: due later, but with less than SLA_WARNING_FRACTION of its target left.
    query.andWhere('c.sla_due_at > now() AND c.sla_due_at - now() <= (c.sla_due_at - c.sla_started_at) * CAST(:slaWarningFraction AS float8)', { slaWarningFraction: SLA_WARNING_FRACTION });
  }
  if (filters.optedOut !== undefined) {
    const optedOut = 'EXISTS (SELECT 1 FROM consent fc WHERE fc.contact_id = c.contact_id AND fc.channel_id = c.channel_id AND fc.opted_out)';
    query.andWhere(filters.optedOut ? optedOut : `NOT ${optedOut}`);
  }
  if (filters.unread !== undefined) query.andWhere(filters.unread ? 'c.unread_count > 0' : 'c.unread_count = 0');
  if (filters.createdFrom) query.andWhere('c.created_at >= :createdFrom', { createdFrom: filters.createdFrom });
  if (filters.createdTo) query.andWhere('c.created_at < :createdTo', { createdTo: filters.createdTo });
  if (filters.activeFrom) query.andWhere('c.last_message_at >= :activeFrom', { activeFrom: filters.activeFrom });
  if (filters.activeTo) query.andWhere('c.last_message_at < :activeTo', { activeTo: filters.activeTo });
  if (search?.matches) {
    query.andWhere('(c.contact_id = ANY(CAST(:searchContactIds AS uuid[])) OR c.id = ANY(CAST(:searchConversationIds AS uuid[])))', {
      searchContactIds: search.matches.contactIds,
      searchConversationIds: search.matches.conversationIds,
    });
  } else if (search) {
    // The same expression as the contact's trigram index over number and name.
    const numbers = search.contact.numbers.length > 0 ? 'ct.phone = ANY(CAST(:searchNumbers AS varchar[])) OR ' : '';
    query.andWhere(
      `(${numbers}ct.phone || ' ' || ct.name ILIKE :contactPattern OR EXISTS (SELECT 1 FROM message sm WHERE sm.conversation_id = c.id AND sm.body ILIKE :textPattern))`,
      { searchNumbers: search.contact.numbers, contactPattern: containsPattern(search.contact.fragment), textPattern: containsPattern(search.text) },
    );
  }
  return query;
}

/** The contacts and conversations a search matched, by id. */
export interface SearchMatches {
  contactIds: string[];
  conversationIds: string[];
}

/** A search box's text as the inbox reads it. */
export interface ConversationSearch {
  /** As typed (trimmed): what message text must contain. */
  text: string;
  /** What the contact's number or name must match: the numbers the text can be read as, or a fragment of either. */
  contact: PhoneSearch;
  /** The matches by id when they are few; null when the list should walk its order testing each conversation. */
  matches: SearchMatches | null;
}

/** The countries of the viewer's channels: a number typed in national format is read as one of theirs. */
export async function searchCountries(dataSource: DataSource, actor: UserActor): Promise<CountryCode[]> {
  const visible = AccessPolicy.visibleTeamsCondition(actor, 'team_id', 1);
  const rows = await dataSource.query<Array<{ country: string | null }>>(`SELECT DISTINCT country FROM channel WHERE ${visible.sql}`, visible.parameters);
  return rows.map((row) => row.country ?? '').filter(isCountryCode);
}

/** Reads the search box's text (null when there is none) and finds its matches when they are few. */
export async function readConversationSearch(dataSource: DataSource, actor: UserActor, q: string | undefined): Promise<ConversationSearch | null> {
  const text = q?.trim();
  if (!text) return null;
  const contact = phoneSearch(text, await searchCountries(dataSource, actor));
  if (!contact) return null;
  return { text, contact, matches: await findFewSearchMatches(dataSource, actor, text, contact) };
}

/**
 * Up to this many matching contacts and messages a search narrows the list by their ids; beyond, it walks the list's
 * order testing each conversation, which finds a page of a common word at once.
 */
const FEW_MATCHES = 2000;
/**
 * Contacts are looked up by id through their conversations' index, so many more of them still make a quick list; a
 * surname or a first name is shared by a few thousand customers of a busy install, and walking the list instead tests
 * each conversation's messages for the name too (a second for "Bondarenko" among 200,000 conversations).
 */
const FEW_CONTACT_MATCHES = 10_000;

/**
 * Searches already found common, per viewer's reach and pattern. Being common only grows as messages arrive, so the
 * answer can be reused: the inbox asks again for every page of results and the sidebar for every refresh of its view
 * counts, and for a common word the probe below is most of the request's cost (reading thousands of messages). Messages
 * deleted by retention could make a word rare again; within the ten minutes a stale answer lasts it only means the
 * list walks its order rather than narrowing by ids, which finds the same rows.
 */
const TRIGRAM = /[\p{L}\p{N}]{3}/u;

const commonSearches = new LRUCache<string, true>({ max: 5000, ttl: 10 * 60_000 });

/**
 * What a search matches, when that is little (else null). PostgreSQL cannot estimate how many rows a trigram ILIKE
 * matches, so for a rare name or word it walks the inbox's order testing each conversation's contact and messages,
 * reading all 200,000 conversations of a busy install (over a second). Asking the two trigram indexes first takes a
 * few milliseconds, and the list then sorts only those conversations. Messages are read within the access rule.
 */
async function findFewSearchMatches(dataSource: DataSource, actor: UserActor, text: string, contact: PhoneSearch): Promise<SearchMatches | null> {
  const pattern = containsPattern(text);
  const visibleTeams = AccessPolicy.visibleTeams(actor);
  const commonKey = `${visibleTeams === 'all' ? 'all' : `${[...visibleTeams].sort().join(',')}|${actor.userId}`}|${pattern}`;
  if (commonSearches.has(commonKey)) return null;
  const contacts = await dataSource.query<Array<{ id: string }>>(
    `SELECT ct.id FROM contact ct WHERE ct.phone = ANY($2::varchar[]) OR ct.phone || ' ' || ct.name ILIKE $1 LIMIT ${FEW_CONTACT_MATCHES + 1}`,
    [containsPattern(contact.fragment), contact.numbers],
  );
  const visible = AccessPolicy.visibleConversationsCondition(actor, 'c', 2);
  const messages =
    contacts.length > FEW_CONTACT_MATCHES
      ? []
      : await dataSource.transaction(async (manager) => {
          // For a common word PostgreSQL reads the table in storage order until it has enough matches, which is quick
          // when the word is everywhere but reads the whole table when it is only in recent messages (a new product's
          // name). Through the trigram index the cost follows how many messages hold the word, whatever their place.
          // A text without three letters in a row gives the index nothing to look up, so it is left to the planner.
          if (TRIGRAM.test(text)) await manager.query('SET LOCAL enable_seqscan = off');
          return manager.query<Array<{ conversation_id: string }>>(
            `SELECT m.conversation_id FROM message m JOIN conversation c ON c.id = m.conversation_id WHERE m.body ILIKE $1 AND ${visible.sql} LIMIT ${FEW_MATCHES + 1}`,
            [pattern, ...visible.parameters],
          );
        });
  if (contacts.length > FEW_CONTACT_MATCHES || messages.length > FEW_MATCHES) {
    commonSearches.set(commonKey, true);
    return null;
  }
  return { contactIds: contacts.map((row) => row.id), conversationIds: [...new Set(messages.map((row) => row.conversation_id))] };
}

const listOf = <V>(value: V | V[] | undefined): V[] => (value === undefined ? [] : [value].flat() as V[]);
