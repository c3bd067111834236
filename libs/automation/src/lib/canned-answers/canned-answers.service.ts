import { AuditService, changedFields } from '@backtalk/audit';
import { AccessPolicy, auditActorOf, type UserActor } from '@backtalk/auth';
import { type AnswerLanguageChoice, CANNED_ANSWER_VARIABLES, type CannedAnswerVariant, type CannedAnswerView, ROUTING_LANGUAGES, type RoutingLanguage, type ContactAttributeValues, type CreateCannedAnswerRequest, type FaqExampleSuggestion, type RenderedCannedAnswer, Role, type UpdateCannedAnswerRequest } from '@backtalk/contracts';
import { ConversationsService } from '@backtalk/conversations';
import { containsPattern, DomainError, isUniqueViolation } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { CannedAnswerEntity } from './canned-answer.entity';
import { firstName, renderTemplate } from '@backtalk/sms';
import { contactAttributesSql, contactVariables } from './contact-variables';
import { answerVariants, chooseAnswerVariant } from './answer-language';
import { customerLanguageOf, otherVariantsOf } from './answer-variants';

/** Trimmed, without blanks or repeats, in the order given. */
const cleanList = (values: readonly string[] | undefined): string[] => [...new Set((values ?? []).map((value) => value.trim().replace(/\s+/g, ' ')).filter(Boolean))];

const LANGUAGE_NAMES: Record<RoutingLanguage, string> = { en: 'English', uk: 'Ukrainian', ru: 'Russian' };

const toView = (answer: CannedAnswerEntity, others: readonly CannedAnswerVariant[], choice?: AnswerLanguageChoice): CannedAnswerView => {
  const variants = answerVariants(answer.language, answer.body, others);
  return {
    id: answer.id,
    title: answer.title,
    body: answer.body,
    shortcode: answer.shortcode,
    language: answer.language,
    defaultLanguage: answer.language,
    variants,
    languages: variants.map((variant) => variant.language),
    ...(choice ? { choice } : {}),
    tags: answer.tags,
    teamId: answer.teamId,
    examples: answer.examples,
    keywords: answer.keywords,
    autoReply: answer.autoReply,
    createdAt: answer.createdAt.toISOString(),
    updatedAt: answer.updatedAt.toISOString(),
  };
};

/** An answer as the audit trail shows it: its words, where it applies and whether rules may send it. */
function auditedAnswer(view: CannedAnswerView): Record<string, unknown> {
  const { title, shortcode, defaultLanguage, variants, tags, teamId, examples, keywords, autoReply } = view;
  return { title, shortcode, defaultLanguage, variants, tags, teamId, examples, keywords, autoReply };
}

/** An answer's texts by language as a request leaves them, before they are written. */
type Texts = Map<RoutingLanguage, string>;

/** Canned answers: global ones (admins write them) and team ones (the team's supervisors too); every agent reads. */
@Injectable()
export class CannedAnswersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
    private readonly audit: AuditService,
  ) {}

  /** The answers usable by this agent, or in one conversation (global plus that conversation's team). */
  async list(actor: UserActor, options: { q?: string; conversationId?: string } = {}): Promise<CannedAnswerView[]> {
    const query = this.dataSource.getRepository(CannedAnswerEntity).createQueryBuilder('a').orderBy('lower(a.shortcode)', 'ASC').limit(500);
    let customer: Awaited<ReturnType<typeof customerLanguageOf>> | null = null;
    if (options.conversationId) {
      const conversation = await this.conversations.get(actor, options.conversationId);
      query.where('(a.team_id IS NULL OR a.team_id = :teamId)', { teamId: conversation.teamId });
      customer = await customerLanguageOf(this.dataSource, conversation.id);
    } else {
      const visible = AccessPolicy.visibleTeams(actor);
      if (visible !== 'all') query.where(visible.length > 0 ? '(a.team_id IS NULL OR a.team_id IN (:...teamIds))' : 'a.team_id IS NULL', { teamIds: visible });
    }
    const text = options.q?.trim();
    if (text) {
      const pattern = containsPattern(text);
      query.andWhere(
        new Brackets((where) =>
          where
            .where('a.shortcode ILIKE :pattern', { pattern })
            .orWhere('a.title ILIKE :pattern')
            .orWhere('a.body ILIKE :pattern')
            .orWhere('EXISTS (SELECT 1 FROM canned_answer_variant v WHERE v.answer_id = a.id AND v.body ILIKE :pattern)'),
        ),
      );
    }
    const answers = await query.getMany();
    const others = await otherVariantsOf(this.dataSource, answers.map((answer) => answer.id));
    return answers.map((answer) => {
      const variants = others.get(answer.id) ?? [];
      if (!customer) return toView(answer, variants);
      const { body: _body, ...choice } = chooseAnswerVariant({ variants: answerVariants(answer.language, answer.body, variants), defaultLanguage: answer.language, ...customer });
      return toView(answer, variants, choice);
    });
  }

  async create(actor: UserActor, request: CreateCannedAnswerRequest): Promise<CannedAnswerView> {
    const teamId = request.teamId ?? null;
    this.assertCanWrite(actor, teamId);
    const defaultLanguage = request.defaultLanguage ?? languageOrDefault(request.language);
    const texts = textsOf(request.variants, new Map([[defaultLanguage, request.body]]));
    if (request.variants?.some((variant) => variant.language === defaultLanguage)) texts.set(defaultLanguage, request.body);
    await this.assertKnownContactVariables([...texts.values()]);
    return this.saving(request.shortcode, () =>
      this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(CannedAnswerEntity);
        const answer = await repository.save(
          repository.create({
            teamId,
            title: request.title.trim(),
            body: request.body,
            shortcode: request.shortcode,
            language: defaultLanguage,
            tags: request.tags ?? [],
            examples: cleanList(request.examples),
            keywords: cleanList(request.keywords),
            autoReply: request.autoReply ?? false,
          }),
        );
        const view = toView(answer, await this.writeOtherVariants(manager, answer.id, defaultLanguage, texts));
        await this.audit.record(
          { actor: auditActorOf(actor), action: 'faq.created', target: { type: 'faq', id: answer.id, label: answer.title }, teamIds: teamId ? [teamId] : [], diff: { after: auditedAnswer(view) } },
          manager,
        );
        return view;
      }),
    );
  }

  async update(actor: UserActor, id: string, changes: UpdateCannedAnswerRequest): Promise<CannedAnswerView> {
    const answer = await this.findVisible(actor, id);
    this.assertCanWrite(actor, answer.teamId);
    if (changes.teamId !== undefined) this.assertCanWrite(actor, changes.teamId);
    return this.saving(changes.shortcode ?? answer.shortcode, () => this.dataSource.transaction(async (manager) => {
      // Locked, so two editors' variant lists cannot interleave: each edit starts from the texts the other left.
      const locked = await manager.findOne(CannedAnswerEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!locked) throw DomainError.notFound('Canned answer');
      const before = toView(locked, (await otherVariantsOf(manager, [id])).get(id) ?? []);
      const { texts, defaultLanguage } = textsAfter(locked, (await otherVariantsOf(manager, [id])).get(id) ?? [], changes);
      const body = texts.get(defaultLanguage)!;
      await this.assertKnownContactVariables([...texts.values()]);
      const repository = manager.getRepository(CannedAnswerEntity);
      // Variants go first: the default language must never also be a variant, even between two statements.
      await manager.query(`DELETE FROM canned_answer_variant WHERE answer_id = $1`, [id]);
      await repository.update(
        { id },
        {
          ...(changes.title !== undefined ? { title: changes.title.trim() } : {}),
          body,
          ...(changes.shortcode !== undefined ? { shortcode: changes.shortcode } : {}),
          language: defaultLanguage,
          ...(changes.tags !== undefined ? { tags: changes.tags } : {}),
          ...(changes.teamId !== undefined ? { teamId: changes.teamId } : {}),
          ...(changes.examples !== undefined ? { examples: cleanList(changes.examples) } : {}),
          ...(changes.keywords !== undefined ? { keywords: cleanList(changes.keywords) } : {}),
          ...(changes.autoReply !== undefined ? { autoReply: changes.autoReply } : {}),
        },
      );
      const others = await this.writeOtherVariants(manager, id, defaultLanguage, texts);
      const view = toView(await repository.findOneByOrFail({ id }), others);
      const diff = changedFields(auditedAnswer(before), auditedAnswer(view));
      if (diff) {
        const teamIds = [before.teamId, view.teamId].filter((team): team is string => team !== null);
        await this.audit.record({ actor: auditActorOf(actor), action: 'faq.updated', target: { type: 'faq', id, label: view.title }, teamIds, diff }, manager);
      }
      return view;
    }));
  }

  async addExample(actor: UserActor, id: string, text: string): Promise<CannedAnswerView> {
    const answer = await this.findVisible(actor, id);
    this.assertCanWrite(actor, answer.teamId);
    const example = text.trim().replace(/\s+/g, ' ');
    // Appended in one statement, so two agents adding examples at once both keep theirs.
    await this.dataSource.transaction(async (manager) => {
      const [, added] = (await manager.query(
        `UPDATE canned_answer SET examples = examples || to_jsonb($2::text), updated_at = now()
         WHERE id = $1 AND NOT examples @> jsonb_build_array($2::text)`,
        [id, example],
      )) as [unknown[], number];
      if (added === 0) return;
      await this.audit.record(
        { actor: auditActorOf(actor), action: 'faq.example_added', target: { type: 'faq', id, label: answer.title }, teamIds: answer.teamId ? [answer.teamId] : [], diff: { after: { example } } },
        manager,
      );
    });
    return toView(await this.dataSource.getRepository(CannedAnswerEntity).findOneByOrFail({ id }), (await otherVariantsOf(this.dataSource, [id])).get(id) ?? []);
  }

  /**
   * The customer messages agents answered starting from this answer, newest first, that are not examples yet. They are
   * customers' own words, so only those who may edit the answer get them, and only from conversations they can see: a
   * global answer is used in every team, and a reply may name any answer it started from.
   */
  async suggestions(actor: UserActor, id: string): Promise<FaqExampleSuggestion[]> {
    const answer = await this.findVisible(actor, id);
    this.assertCanWrite(actor, answer.teamId);
    const visibleConversations = AccessPolicy.visibleConversationsCondition(actor, 'c', 3);
    const rows = await this.dataSource.query<Array<{ message_id: string; conversation_id: string; body: string; answered_at: Date }>>(
      `SELECT DISTINCT ON (question.id) question.id AS message_id, question.conversation_id, question.body, reply.sent_at AS answered_at
       FROM message reply
       JOIN conversation c ON c.id = reply.conversation_id
       JOIN LATERAL (
         SELECT m.id, m.conversation_id, m.body FROM message m
         WHERE m.conversation_id = reply.conversation_id AND m.direction = 'inbound' AND m.sent_at <= reply.sent_at
         ORDER BY m.sent_at DESC LIMIT 1
       ) question ON true
       WHERE reply.kind = 'agent' AND reply.metadata ->> 'cannedAnswerId' = $1
         AND NOT ($2::jsonb @> jsonb_build_array(question.body))
         AND ${visibleConversations.sql}
       ORDER BY question.id, reply.sent_at DESC
       LIMIT 50`,
      [id, JSON.stringify(answer.examples), ...visibleConversations.parameters],
    );
    return rows
      .filter((row) => row.body.trim())
      .sort((a, b) => b.answered_at.getTime() - a.answered_at.getTime())
      .map((row) => ({ messageId: row.message_id, conversationId: row.conversation_id, text: row.body, answeredAt: row.answered_at.toISOString() }));
  }

  async remove(actor: UserActor, id: string): Promise<void> {
    const answer = await this.findVisible(actor, id);
    this.assertCanWrite(actor, answer.teamId);
    await this.dataSource.transaction(async (manager) => {
      const before = toView(answer, (await otherVariantsOf(manager, [id])).get(id) ?? []);
      await manager.delete(CannedAnswerEntity, { id });
      await this.audit.record(
        { actor: auditActorOf(actor), action: 'faq.deleted', target: { type: 'faq', id, label: answer.title }, teamIds: answer.teamId ? [answer.teamId] : [], diff: { before: auditedAnswer(before) } },
        manager,
      );
    });
  }

  /** The answer's text for one conversation, with its variables filled. */
  async render(actor: UserActor, id: string, conversationId: string): Promise<RenderedCannedAnswer> {
    const answer = await this.findVisible(actor, id);
    const conversation = await this.conversations.get(actor, conversationId);
    if (answer.teamId && answer.teamId !== conversation.teamId) throw DomainError.validation('This canned answer belongs to another team');
    const variants = answerVariants(answer.language, answer.body, (await otherVariantsOf(this.dataSource, [id])).get(id) ?? []);
    const { body, ...choice } = chooseAnswerVariant({ variants, defaultLanguage: answer.language, ...(await customerLanguageOf(this.dataSource, conversation.id)) });
    const [context]: Array<{ agent_name: string; channel_name: string; help_text: string; contact_attributes: ContactAttributeValues }> = await this.dataSource.query(
      `SELECT u.name AS agent_name, ch.name AS channel_name, ch.help_text, ${contactAttributesSql('$3::uuid')} AS contact_attributes FROM app_user u, channel ch WHERE u.id = $1 AND ch.id = $2`,
      [actor.userId, conversation.channelId, conversation.contact.id],
    );
    const rendered = renderTemplate(body, {
      ...contactVariables({ name: conversation.contact.name, attributes: context?.contact_attributes ?? {} }),
      'agent.name': context?.agent_name,
      'agent.first_name': firstName(context?.agent_name),
      'channel.name': context?.channel_name,
      'channel.help_text': context?.help_text,
    });
    return { ...rendered, choice };
  }

  /**
   * A `{{contact.<key>}}` no attribute has (a typo, or one since deleted) is refused when saving, naming it, rather
   * than found missing in every conversation. Other unknown variables stay as before: left out at rendering and
   * reported missing.
   */
  private async assertKnownContactVariables(bodies: readonly string[]): Promise<void> {
    const named = [...new Set(bodies.flatMap((body) => [...body.matchAll(/\{\{\s*contact\.(\w+)\s*\}\}/g)].map((match) => match[1])))];
    if (named.length === 0) return;
    const rows = await this.dataSource.query<Array<{ key: string }>>(`SELECT key FROM contact_attribute WHERE key = ANY($1::varchar[])`, [named]);
    const known = new Set([...CANNED_ANSWER_VARIABLES.filter((name) => name.startsWith('contact.')).map((name) => name.slice('contact.'.length)), ...rows.map((row) => row.key)]);
    const unknown = named.filter((key) => !known.has(key));
    if (unknown.length === 0) return;
    const list = unknown.map((key) => `{{contact.${key}}}`).join(', ');
    throw DomainError.validation(`${list} ${unknown.length === 1 ? 'is not a contact attribute' : 'are not contact attributes'}: define ${unknown.length === 1 ? 'it' : 'them'} under Settings → Contact attributes, or fix the name.`, [
      { field: 'body', messages: [`${list} unknown`] },
    ]);
  }

  /** Writes the texts other than the default one (the caller deleted the old ones) and returns them. */
  private async writeOtherVariants(manager: EntityManager, answerId: string, defaultLanguage: RoutingLanguage, texts: Texts): Promise<CannedAnswerVariant[]> {
    const others = [...texts].filter(([language]) => language !== defaultLanguage).map(([language, body]) => ({ language, body }));
    if (others.length > 0) {
      await manager.query(`INSERT INTO canned_answer_variant (answer_id, language, body) SELECT $1, language, body FROM unnest($2::varchar[], $3::text[]) AS t(language, body)`, [
        answerId,
        others.map((variant) => variant.language),
        others.map((variant) => variant.body),
      ]);
    }
    return others;
  }

  private async findVisible(actor: UserActor, id: string): Promise<CannedAnswerEntity> {
    const answer = await this.dataSource.getRepository(CannedAnswerEntity).findOneBy({ id });
    if (!answer || (answer.teamId && !AccessPolicy.canSeeTeam(actor, answer.teamId))) throw DomainError.notFound('Canned answer');
    return answer;
  }

  /** Global answers are the admins'; a team's answers are also its supervisors'. */
  private assertCanWrite(actor: UserActor, teamId: string | null): void {
    const allowed = teamId === null ? actor.role === Role.Admin : AccessPolicy.canManageTeam(actor, teamId);
    if (!allowed) throw DomainError.forbidden(teamId === null ? 'Only admins manage canned answers for every team' : 'Only admins and the team’s supervisors manage its canned answers');
  }

  private async saving<T>(shortcode: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict(`The shortcode /${shortcode} is already used in this scope`, [{ field: 'shortcode', messages: ['is already used'] }]);
      throw error;
    }
  }
}

/** The older `language` field: null or absent means the workspace default. */
function languageOrDefault(language: string | null | undefined): RoutingLanguage {
  return ROUTING_LANGUAGES.find((known) => known === language) ?? 'en';
}

/** The texts an update leaves: a listed set replaces the other languages; the default language's text is kept unless given. */
function textsAfter(answer: CannedAnswerEntity, others: readonly CannedAnswerVariant[], changes: UpdateCannedAnswerRequest): { texts: Texts; defaultLanguage: RoutingLanguage } {
  const defaultLanguage = changes.defaultLanguage ?? (changes.language !== undefined ? languageOrDefault(changes.language) : answer.language);
  const current: Texts = new Map(answerVariants(answer.language, answer.body, others).map((variant) => [variant.language, variant.body]));
  const texts = changes.variants !== undefined ? textsOf(changes.variants, new Map()) : new Map(current);
  if (changes.body !== undefined) texts.set(defaultLanguage, changes.body);
  else if (!texts.has(defaultLanguage) && current.has(defaultLanguage)) texts.set(defaultLanguage, current.get(defaultLanguage)!);
  if (!texts.has(defaultLanguage)) {
    throw DomainError.validation(`The answer has no ${LANGUAGE_NAMES[defaultLanguage]} text to make it the default: add that variant first`, [{ field: 'defaultLanguage', messages: [`has no ${defaultLanguage} variant`] }]);
  }
  return { texts, defaultLanguage };
}

/** A request's variants as texts by language, refusing a language given twice before anything is written. */
function textsOf(variants: readonly CannedAnswerVariant[] | undefined, texts: Texts): Texts {
  const seen = new Set<RoutingLanguage>();
  for (const variant of variants ?? []) {
    if (seen.has(variant.language)) throw DomainError.validation(`The ${LANGUAGE_NAMES[variant.language]} text is given twice`, [{ field: 'variants', messages: [`${variant.language} is listed more than once`] }]);
    seen.add(variant.language);
    texts.set(variant.language, variant.body);
  }
  return texts;
}
