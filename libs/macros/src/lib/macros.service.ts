import { AuditService, changedFields } from '@backtalk/audit';
import { AccessPolicy, auditActorOf, type UserActor } from '@backtalk/auth';
import { type CreateMacroRequest, type MacroStep, MacroStepType, type MacroView, type UpdateMacroRequest } from '@backtalk/contracts';
import { ConversationsService } from '@backtalk/conversations';
import { DomainError, isUniqueViolation } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { MacroEntity } from './macro.entity';
import { canManageMacro, canSeeMacro, cleanMacroName, type MacroScope, macroStepsProblem } from './macro-rules';

export const toMacroView = (macro: MacroEntity): MacroView => ({
  id: macro.id,
  name: macro.name,
  ownerId: macro.ownerId,
  teamId: macro.teamId,
  steps: macro.steps,
  createdAt: macro.createdAt.toISOString(),
  updatedAt: macro.updatedAt.toISOString(),
});

/**
 * Shared macros (everyone's, a team's) are in the audit trail: they decide what others send with one click. A
 * person's own macros are their shortcuts, like their drafts, and are not.
 */
const isShared = (macro: Pick<MacroEntity, 'ownerId'>) => macro.ownerId === null;
const audited = (macro: MacroEntity) => ({ name: macro.name, steps: macro.steps });
const teamIdsOf = (macro: MacroEntity) => (macro.teamId ? [macro.teamId] : []);

const scopeOf = (macro: Pick<MacroEntity, 'ownerId' | 'teamId'>): MacroScope => (macro.ownerId ? { ownerId: macro.ownerId, teamId: null } : { ownerId: null, teamId: macro.teamId });

/** Macros: each person's own, and shared ones (global: admins; a team's: admins and its supervisors). */
@Injectable()
export class MacrosService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
    private readonly audit: AuditService,
  ) {}

  /** The macros the actor may run, or those that fit one conversation (personal, global, and its team's). */
  async list(actor: UserActor, options: { conversationId?: string } = {}): Promise<MacroView[]> {
    const query = this.dataSource.getRepository(MacroEntity).createQueryBuilder('m').orderBy('lower(m.name)', 'ASC').addOrderBy('m.id', 'ASC');
    query.where(
      new Brackets((where) => {
        where.where('m.owner_id = :me', { me: actor.userId });
        if (options.conversationId) return;
        const visible = AccessPolicy.visibleTeams(actor);
        if (visible === 'all') where.orWhere('m.owner_id IS NULL');
        else if (visible.length > 0) where.orWhere('(m.owner_id IS NULL AND (m.team_id IS NULL OR m.team_id IN (:...teamIds)))', { teamIds: visible });
        else where.orWhere('(m.owner_id IS NULL AND m.team_id IS NULL)');
      }),
    );
    if (options.conversationId) {
      const conversation = await this.conversations.get(actor, options.conversationId);
      query.orWhere('(m.owner_id IS NULL AND (m.team_id IS NULL OR m.team_id = :teamId))', { teamId: conversation.teamId });
    }
    return (await query.getMany()).map(toMacroView);
  }

  async create(actor: UserActor, request: CreateMacroRequest): Promise<MacroView> {
    const scope: MacroScope = request.visibility === 'personal' ? { ownerId: actor.userId, teamId: null } : { ownerId: null, teamId: request.teamId ?? null };
    if (request.visibility === 'personal' && request.teamId) throw DomainError.validation('A personal macro belongs to you, not to a team; share it to give it a team.');
    if (!canManageMacro(actor, scope)) throw DomainError.forbidden(scope.teamId ? 'Only admins and the team’s supervisors share macros with a team' : 'Only admins share macros with everyone');
    const name = cleanMacroName(request.name);
    await this.checkSteps(actor, scope, request.steps);
    return this.saving(name, () =>
      this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(MacroEntity);
        const macro = await repository.save(repository.create({ ...scope, name, steps: request.steps }));
        if (isShared(macro)) {
          await this.audit.record({ actor: auditActorOf(actor), action: 'macro.created', target: { type: 'macro', id: macro.id, label: macro.name }, teamIds: teamIdsOf(macro), diff: { after: audited(macro) } }, manager);
        }
        return toMacroView(macro);
      }),
    );
  }

  async update(actor: UserActor, id: string, changes: UpdateMacroRequest): Promise<MacroView> {
    const macro = await this.findVisible(actor, id);
    if (!canManageMacro(actor, scopeOf(macro))) throw DomainError.forbidden('Only admins and the team’s supervisors change shared macros');
    const name = changes.name !== undefined ? cleanMacroName(changes.name) : macro.name;
    if (changes.steps) await this.checkSteps(actor, scopeOf(macro), changes.steps);
    return this.saving(name, () =>
      this.dataSource.transaction(async (manager) => {
        const repository = manager.getRepository(MacroEntity);
        await repository.update({ id }, { name, ...(changes.steps ? { steps: changes.steps } : {}) });
        const updated = await repository.findOneByOrFail({ id });
        const diff = isShared(updated) ? changedFields(audited(macro), audited(updated)) : undefined;
        if (diff) await this.audit.record({ actor: auditActorOf(actor), action: 'macro.updated', target: { type: 'macro', id, label: updated.name }, teamIds: teamIdsOf(updated), diff }, manager);
        return toMacroView(updated);
      }),
    );
  }

  async remove(actor: UserActor, id: string): Promise<void> {
    const macro = await this.findVisible(actor, id);
    if (!canManageMacro(actor, scopeOf(macro))) throw DomainError.forbidden('Only admins and the team’s supervisors delete shared macros');
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(MacroEntity).delete({ id });
      if (isShared(macro)) {
        await this.audit.record({ actor: auditActorOf(actor), action: 'macro.deleted', target: { type: 'macro', id, label: macro.name }, teamIds: teamIdsOf(macro), diff: { before: audited(macro) } }, manager);
      }
    });
  }

  /** Another team's or another person's macro answers like one that does not exist. */
  async findVisible(actor: UserActor, id: string): Promise<MacroEntity> {
    const macro = await this.dataSource.getRepository(MacroEntity).findOneBy({ id });
    if (!macro || !canSeeMacro(actor, scopeOf(macro))) throw DomainError.notFound('Macro');
    return macro;
  }

  /**
   * The order of steps, and that each canned answer, label and person a step names exists and is one the macro's
   * users may use: global or of the macro's team (any of the author's teams for a personal macro). A step can still
   * fail when it runs (a label deleted since), and then says so.
   */
  private async checkSteps(actor: UserActor, scope: MacroScope, steps: readonly MacroStep[]): Promise<void> {
    const problem = macroStepsProblem(steps);
    if (problem) throw DomainError.validation(problem, [{ field: 'steps', messages: [problem] }]);
    const teams: 'all' | readonly string[] = scope.teamId ? [scope.teamId] : scope.ownerId ? AccessPolicy.visibleTeams(actor) : [];
    const within = (column: string) => (teams === 'all' ? 'true' : `(${column} IS NULL OR ${column} = ANY($2::uuid[]))`);
    for (const [index, step] of steps.entries()) {
      const field = `steps.${index}`;
      const missing = (what: string) => DomainError.validation(`Step ${index + 1}: ${what}`, [{ field, messages: [what] }]);
      if (step.type === MacroStepType.SendCannedAnswer) {
        const found = await this.dataSource.query(`SELECT 1 FROM canned_answer a WHERE a.id = $1 AND ${within('a.team_id')}`, [step.cannedAnswerId, teams === 'all' ? [] : [...teams]]);
        if (found.length === 0) throw missing('that canned answer does not exist or cannot be used here.');
      }
      if (step.type === MacroStepType.AddLabel) {
        const found = await this.dataSource.query(`SELECT 1 FROM label l WHERE l.id = $1 AND ${within('l.team_id')}`, [step.labelId, teams === 'all' ? [] : [...teams]]);
        if (found.length === 0) throw missing('that label does not exist or cannot be used here.');
      }
      if (step.type === MacroStepType.Assign && step.assigneeId && step.assigneeId !== 'me') {
        const query = this.dataSource.createQueryBuilder().select('u.id').from('app_user', 'u').where('u.id = :id AND u.active', { id: step.assigneeId });
        if (!(await AccessPolicy.scopeToVisibleUsers(query, 'u.id', actor).getRawOne())) throw missing('that agent does not exist or is deactivated.');
      }
    }
  }

  private async saving<T>(name: string, save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict(`There is already a macro named “${name}” here`);
      throw error;
    }
  }
}
