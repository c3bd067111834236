import { AccessPolicy, type UserActor } from '@backtalk/auth';
import { type CannedAnswerView, type CreateCannedAnswerRequest, type RenderedCannedAnswer, Role, type UpdateCannedAnswerRequest } from '@backtalk/contracts';
import { ConversationsService } from '@backtalk/conversations';
import { containsPattern, DomainError, isUniqueViolation } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { CannedAnswerEntity } from './canned-answer.entity';
import { firstName, renderTemplate } from './render';

const toView = (answer: CannedAnswerEntity): CannedAnswerView => ({
  id: answer.id,
  title: answer.title,
  body: answer.body,
  shortcode: answer.shortcode,
  language: answer.language,
  tags: answer.tags,
  teamId: answer.teamId,
  createdAt: answer.createdAt.toISOString(),
  updatedAt: answer.updatedAt.toISOString(),
});

/** Canned answers: global ones (admins write them) and team ones (the team's supervisors too); every agent reads. */
@Injectable()
export class CannedAnswersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
  ) {}

  /** The answers usable by this agent, or in one conversation (global plus that conversation's team). */
  async list(actor: UserActor, options: { q?: string; conversationId?: string } = {}): Promise<CannedAnswerView[]> {
    const query = this.dataSource.getRepository(CannedAnswerEntity).createQueryBuilder('a').orderBy('lower(a.shortcode)', 'ASC').limit(500);
    if (options.conversationId) {
      const conversation = await this.conversations.get(actor, options.conversationId);
      query.where('(a.team_id IS NULL OR a.team_id = :teamId)', { teamId: conversation.teamId });
    } else {
      const visible = AccessPolicy.visibleTeams(actor);
      if (visible !== 'all') query.where(visible.length > 0 ? '(a.team_id IS NULL OR a.team_id IN (:...teamIds))' : 'a.team_id IS NULL', { teamIds: visible });
    }
    const text = options.q?.trim();
    if (text) {
      const pattern = containsPattern(text);
      query.andWhere(new Brackets((where) => where.where('a.shortcode ILIKE :pattern', { pattern }).orWhere('a.title ILIKE :pattern').orWhere('a.body ILIKE :pattern')));
    }
    return (await query.getMany()).map(toView);
  }

  async create(actor: UserActor, request: CreateCannedAnswerRequest): Promise<CannedAnswerView> {
    const teamId = request.teamId ?? null;
    this.assertCanWrite(actor, teamId);
    return this.saving(request.shortcode, async () => {
      const repository = this.dataSource.getRepository(CannedAnswerEntity);
      return toView(
        await repository.save(
          repository.create({ teamId, title: request.title.trim(), body: request.body, shortcode: request.shortcode, language: request.language ?? null, tags: request.tags ?? [] }),
        ),
      );
    });
  }

  async update(actor: UserActor, id: string, changes: UpdateCannedAnswerRequest): Promise<CannedAnswerView> {
    const repository = this.dataSource.getRepository(CannedAnswerEntity);
    const answer = await this.findVisible(actor, id);
    this.assertCanWrite(actor, answer.teamId);
    if (changes.teamId !== undefined) this.assertCanWrite(actor, changes.teamId);
    return this.saving(changes.shortcode ?? answer.shortcode, async () => {
      await repository.update(
        { id },
        {
          ...(changes.title !== undefined ? { title: changes.title.trim() } : {}),
          ...(changes.body !== undefined ? { body: changes.body } : {}),
          ...(changes.shortcode !== undefined ? { shortcode: changes.shortcode } : {}),
          ...(changes.language !== undefined ? { language: changes.language } : {}),
          ...(changes.tags !== undefined ? { tags: changes.tags } : {}),
          ...(changes.teamId !== undefined ? { teamId: changes.teamId } : {}),
        },
      );
      return toView(await repository.findOneByOrFail({ id }));
    });
  }

  async remove(actor: UserActor, id: string): Promise<void> {
    const answer = await this.findVisible(actor, id);
    this.assertCanWrite(actor, answer.teamId);
    await this.dataSource.getRepository(CannedAnswerEntity).delete({ id });
  }

  /** The answer's text for one conversation, with its variables filled. */
  async render(actor: UserActor, id: string, conversationId: string): Promise<RenderedCannedAnswer> {
    const answer = await this.findVisible(actor, id);
    const conversation = await this.conversations.get(actor, conversationId);
    if (answer.teamId && answer.teamId !== conversation.teamId) throw DomainError.validation('This canned answer belongs to another team');
    const [context]: Array<{ agent_name: string; channel_name: string; help_text: string }> = await this.dataSource.query(
      `SELECT u.name AS agent_name, ch.name AS channel_name, ch.help_text FROM app_user u, channel ch WHERE u.id = $1 AND ch.id = $2`,
      [actor.userId, conversation.channelId],
    );
    return renderTemplate(answer.body, {
      'contact.name': conversation.contact.name,
      'contact.first_name': firstName(conversation.contact.name),
      'agent.name': context?.agent_name,
      'agent.first_name': firstName(context?.agent_name),
      'channel.name': context?.channel_name,
      'channel.help_text': context?.help_text,
    });
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
