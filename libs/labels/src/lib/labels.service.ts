import { AuditService, changedFields } from '@backtalk/audit';
import { AccessPolicy, auditActorOf, type UserActor } from '@backtalk/auth';
import type { CreateLabelRequest, LabelView, RuleAction, RuleActionInput, UpdateLabelRequest } from '@backtalk/contracts';
import { ConversationsService } from '@backtalk/conversations';
import { DomainError, isForeignKeyViolation, isUniqueViolation } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LabelEntity } from './label.entity';
import { canManageLabels, canSeeLabel, cleanLabelName, ruleLabelMisfit } from './label-rules';

export const toLabelView = (label: LabelEntity): LabelView => ({
  id: label.id,
  name: label.name,
  color: label.color,
  description: label.description,
  teamId: label.teamId,
  createdAt: label.createdAt.toISOString(),
  updatedAt: label.updatedAt.toISOString(),
});

const cleanDescription = (description: string | null | undefined): string | null => description?.trim() || null;

/** What the audit trail keeps of a label: what its managers set. */
const audited = (label: LabelEntity) => ({ name: label.name, color: label.color, description: label.description });
const teamIdsOf = (label: LabelEntity) => (label.teamId ? [label.teamId] : []);

/** Labels: global ones (admins manage them) and each team's (its supervisors too); agents read what they may use. */
@Injectable()
export class LabelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
    private readonly audit: AuditService,
  ) {}

  /** The labels the actor may use, or those usable on one conversation (global plus the conversation's team's). */
  async list(actor: UserActor, options: { conversationId?: string } = {}): Promise<LabelView[]> {
    const query = this.dataSource.getRepository(LabelEntity).createQueryBuilder('l').orderBy('lower(l.name)', 'ASC').addOrderBy('l.id', 'ASC');
    if (options.conversationId) {
      const conversation = await this.conversations.get(actor, options.conversationId);
      query.where('(l.team_id IS NULL OR l.team_id = :teamId)', { teamId: conversation.teamId });
    } else {
      const visible = AccessPolicy.visibleTeams(actor);
      if (visible !== 'all') query.where(visible.length > 0 ? '(l.team_id IS NULL OR l.team_id IN (:...teamIds))' : 'l.team_id IS NULL', { teamIds: visible });
    }
    return (await query.getMany()).map(toLabelView);
  }

  async create(actor: UserActor, request: CreateLabelRequest): Promise<LabelView> {
    const teamId = request.teamId ?? null;
    this.assertCanManage(actor, teamId);
    const name = cleanLabelName(request.name);
    return this.saving(name, () =>
      this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(LabelEntity);
        const label = await repository.save(repository.create({ teamId, name, color: request.color, description: cleanDescription(request.description) }));
        await this.audit.record({ actor: auditActorOf(actor), action: 'label.created', target: { type: 'label', id: label.id, label: label.name }, teamIds: teamIdsOf(label), diff: { after: audited(label) } }, manager);
        return toLabelView(label);
      }),
    );
  }

  async update(actor: UserActor, id: string, changes: UpdateLabelRequest): Promise<LabelView> {
    const label = await this.findVisible(actor, id);
    this.assertCanManage(actor, label.teamId);
    const name = changes.name !== undefined ? cleanLabelName(changes.name) : label.name;
    return this.saving(name, () =>
      this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(LabelEntity);
        await repository.update(
          { id },
          {
            ...(changes.name !== undefined ? { name } : {}),
            ...(changes.color !== undefined ? { color: changes.color } : {}),
            ...(changes.description !== undefined ? { description: cleanDescription(changes.description) } : {}),
          },
        );
        const updated = await repository.findOneByOrFail({ id });
        const diff = changedFields(audited(label), audited(updated));
        if (diff) await this.audit.record({ actor: auditActorOf(actor), action: 'label.updated', target: { type: 'label', id, label: updated.name }, teamIds: teamIdsOf(updated), diff }, manager);
        return toLabelView(updated);
      }),
    );
  }

  /** Takes the label off every conversation too; activity lines that mention it keep its name. */
  async remove(actor: UserActor, id: string): Promise<void> {
    const label = await this.findVisible(actor, id);
    this.assertCanManage(actor, label.teamId);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(LabelEntity).delete({ id });
      await this.audit.record({ actor: auditActorOf(actor), action: 'label.deleted', target: { type: 'label', id, label: label.name }, teamIds: teamIdsOf(label), diff: { before: audited(label) } }, manager);
    });
  }

  /**
   * A rule's actions with each `add_tag` naming its label by id. A name, as rules were written before labels, becomes
   * the label of that name in the rule's scope (made, gray, if there is none: the rule's writer manages that scope's
   * labels). A label the writer cannot see, or of another scope, is a problem ("actions[i]: …") and stays as it was.
   */
  async resolveRuleLabels(actor: UserActor, ruleTeamId: string | null, actions: readonly RuleActionInput[]): Promise<{ actions: RuleAction[]; problems: string[] }> {
    const problems: string[] = [];
    const resolved: RuleAction[] = [];
    for (const [index, action] of actions.entries()) {
      if (action.type !== 'add_tag') {
        resolved.push(action);
        continue;
      }
      const label = 'tag' in action ? await this.labelNamed(ruleTeamId, action.tag) : await this.dataSource.getRepository(LabelEntity).findOneBy({ id: action.labelId });
      const problem = !label || !canSeeLabel(actor, label) ? 'the label does not exist' : ruleLabelMisfit(label, ruleTeamId);
      if (problem) problems.push(`actions[${index}]: ${problem}`);
      resolved.push(label && !problem ? { type: 'add_tag', labelId: label.id } : (action as RuleAction));
    }
    return { actions: resolved, problems };
  }

  private async labelNamed(teamId: string | null, tag: string): Promise<LabelEntity> {
    const name = cleanLabelName(tag);
    await this.dataSource.query(`INSERT INTO label (team_id, name, color) VALUES ($1, $2, 'gray') ON CONFLICT DO NOTHING`, [teamId, name]);
    return this.dataSource
      .getRepository(LabelEntity)
      .createQueryBuilder('l')
      .where('l.team_id IS NOT DISTINCT FROM CAST(:teamId AS uuid) AND lower(l.name) = lower(:name)', { teamId, name })
      .getOneOrFail();
  }

  private async findVisible(actor: UserActor, id: string): Promise<LabelEntity> {
    const label = await this.dataSource.getRepository(LabelEntity).findOneBy({ id });
    if (!label || !canSeeLabel(actor, label)) throw DomainError.notFound('Label');
    return label;
  }

  private assertCanManage(actor: UserActor, teamId: string | null): void {
    if (!canManageLabels(actor, teamId)) throw DomainError.forbidden(teamId === null ? 'Only admins manage labels for every team' : 'Only admins and the team’s supervisors manage its labels');
  }

  private async saving<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict(`There is already a label named “${name}” here`, [{ field: 'name', messages: ['is already used in this scope'] }]);
      if (isForeignKeyViolation(error)) throw DomainError.validation('That team does not exist', [{ field: 'teamId', messages: ['must be an existing team'] }]);
      throw error;
    }
  }
}
