import { isDeepStrictEqual } from 'node:util';
import { AuditService, changedFields } from '@backtalk/audit';
import { AccessPolicy, auditActorOf, type UserActor } from '@backtalk/auth';
import { type CreateRuleRequest, Role, type RuleAction, type RuleActionInput, type RuleView, type UpdateRuleRequest } from '@backtalk/contracts';
import { LabelsService } from '@backtalk/labels';
import { DomainError, isForeignKeyViolation } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AutomationRuleEntity } from './automation-rule.entity';
import { RuleCache } from './rule-cache';
import { ruleProblems } from './rule-validation';

export const toRuleView = (rule: AutomationRuleEntity): RuleView => ({
  id: rule.id,
  name: rule.name,
  position: rule.position,
  channelId: rule.channelId,
  teamId: rule.teamId,
  trigger: rule.trigger,
  waitingMinutes: rule.waitingMinutes,
  conditions: rule.conditions,
  actions: rule.actions,
  continueAfter: rule.continueAfter,
  enabled: rule.enabled,
  activeSince: rule.activeSince?.toISOString() ?? null,
  answerAssigned: rule.answerAssigned,
  createdAt: rule.createdAt.toISOString(),
  updatedAt: rule.updatedAt.toISOString(),
});

/** The transaction's own clock, the one messages' `created_at` is written with. */
const DATABASE_NOW = () => 'now()';

/** What decides which messages a rule acts on and how; a new name or position changes none of it. */
const BEHAVIOUR: ReadonlyArray<keyof AutomationRuleEntity> = ['channelId', 'teamId', 'trigger', 'waitingMinutes', 'conditions', 'actions', 'continueAfter', 'answerAssigned'];

/** A rule as the audit trail shows it: what it does and where, not its bookkeeping (ids, times, position). */
function auditedRule(rule: AutomationRuleEntity): Record<string, unknown> {
  const { name, channelId, teamId, trigger, waitingMinutes, conditions, actions, continueAfter, enabled, answerAssigned } = rule;
  return { name, channelId, teamId, trigger, waitingMinutes, conditions, actions, continueAfter, enabled, answerAssigned };
}

function changesBehaviour(current: AutomationRuleEntity, next: Partial<AutomationRuleEntity>): boolean {
  return BEHAVIOUR.some((field) => !isDeepStrictEqual(current[field], next[field]));
}

/**
 * Automation rules, in one order across all scopes. Admins manage every rule; supervisors those of their teams and
 * of their teams' channels. Positions are rewritten under one lock so the order never has holes or twins.
 */
@Injectable()
export class RulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: RuleCache,
    private readonly labels: LabelsService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: UserActor): Promise<RuleView[]> {
    const rules = await this.dataSource.getRepository(AutomationRuleEntity).find({ order: { position: 'ASC' } });
    const channelTeams = await this.channelTeams();
    return rules.filter((rule) => this.canSee(actor, rule, channelTeams)).map(toRuleView);
  }

  async create(actor: UserActor, request: CreateRuleRequest): Promise<RuleView> {
    const rule = {
      name: request.name.trim(),
      channelId: request.channelId ?? null,
      teamId: request.teamId ?? null,
      trigger: request.trigger,
      waitingMinutes: request.waitingMinutes ?? null,
      conditions: request.conditions ?? [],
      actions: request.actions,
      continueAfter: request.continueAfter ?? false,
      enabled: request.enabled ?? true,
      answerAssigned: request.answerAssigned ?? false,
    };
    this.assertValid(rule);
    await this.assertCanManage(actor, rule);
    const actions = await this.labelledActions(actor, rule);
    const id = await this.ordered(async (manager, ids) => {
      const position = Math.min(Math.max(request.position ?? ids.length, 0), ids.length);
      const saved = await manager.save(manager.create(AutomationRuleEntity, { ...rule, actions, position }));
      if (rule.enabled) await manager.update(AutomationRuleEntity, { id: saved.id }, { activeSince: DATABASE_NOW });
      ids.splice(position, 0, saved.id);
      await this.audit.record(
        { actor: auditActorOf(actor), action: 'rule.created', target: { type: 'rule', id: saved.id, label: saved.name }, teamIds: await this.teamsOf([saved]), diff: { after: auditedRule(saved) } },
        manager,
      );
      return saved.id;
    });
    return toRuleView(await this.dataSource.getRepository(AutomationRuleEntity).findOneByOrFail({ id }));
  }

  async update(actor: UserActor, id: string, changes: UpdateRuleRequest): Promise<RuleView> {
    const repository = this.dataSource.getRepository(AutomationRuleEntity);
    const current = await this.findManageable(actor, id);
    const proposed = {
      name: changes.name?.trim() ?? current.name,
      channelId: changes.channelId !== undefined ? changes.channelId : current.channelId,
      teamId: changes.teamId !== undefined ? changes.teamId : current.teamId,
      trigger: changes.trigger ?? current.trigger,
      waitingMinutes: changes.waitingMinutes !== undefined ? changes.waitingMinutes : current.waitingMinutes,
      conditions: changes.conditions ?? current.conditions,
      actions: changes.actions ?? current.actions,
      continueAfter: changes.continueAfter ?? current.continueAfter,
      enabled: changes.enabled ?? current.enabled,
      answerAssigned: changes.answerAssigned ?? current.answerAssigned,
    };
    this.assertValid(proposed);
    await this.assertCanManage(actor, proposed);
    const next = { ...proposed, actions: await this.labelledActions(actor, proposed) };
    // Messages that came before the rule was on, or before this form of it, were never its business.
    const activeSince = !next.enabled ? null : !current.enabled || changesBehaviour(current, next) ? DATABASE_NOW : undefined;
    await this.ordered(async (manager, ids) => {
      await manager.update(AutomationRuleEntity, { id }, activeSince === undefined ? next : { ...next, activeSince });
      const updated = await manager.findOneByOrFail(AutomationRuleEntity, { id });
      const diff = changedFields(auditedRule(current), auditedRule(updated));
      if (diff) {
        await this.audit.record(
          { actor: auditActorOf(actor), action: 'rule.updated', target: { type: 'rule', id, label: updated.name }, teamIds: await this.teamsOf([current, updated]), diff },
          manager,
        );
      }
      if (changes.position !== undefined) {
        ids.splice(ids.indexOf(id), 1);
        ids.splice(Math.min(Math.max(changes.position, 0), ids.length), 0, id);
      }
    });
    return toRuleView(await repository.findOneByOrFail({ id }));
  }

  async remove(actor: UserActor, id: string): Promise<void> {
    const rule = await this.findManageable(actor, id);
    await this.ordered(async (manager, ids) => {
      await manager.delete(AutomationRuleEntity, { id });
      ids.splice(ids.indexOf(id), 1);
      await this.audit.record(
        { actor: auditActorOf(actor), action: 'rule.deleted', target: { type: 'rule', id, label: rule.name }, teamIds: await this.teamsOf([rule]), diff: { before: auditedRule(rule) } },
        manager,
      );
    });
  }

  /** Only admins reorder: the order spans every team's rules. */
  async reorder(actor: UserActor, ruleIds: string[]): Promise<RuleView[]> {
    if (actor.role !== Role.Admin) throw DomainError.forbidden('Only admins change the order of rules');
    await this.ordered(async (manager, ids) => {
      const wanted = new Set(ruleIds);
      if (wanted.size !== ruleIds.length || ids.length !== ruleIds.length || ids.some((id) => !wanted.has(id))) {
        throw DomainError.validation('List every rule exactly once, in the new order', [{ field: 'ruleIds', messages: ['must hold every rule id once'] }]);
      }
      if (!isDeepStrictEqual(ids, ruleIds)) {
        await this.audit.record({ actor: auditActorOf(actor), action: 'rule.reordered', target: { type: 'rule' }, diff: { before: { order: [...ids] }, after: { order: ruleIds } } }, manager);
      }
      ids.splice(0, ids.length, ...ruleIds);
    });
    return this.list(actor);
  }

  /** Runs `work` with the current order locked, then writes positions 0…n-1 from the list `work` left behind. */
  private async ordered<T>(work: (manager: EntityManager, ids: string[]) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE automation_rule IN SHARE ROW EXCLUSIVE MODE`);
      const ids = (await manager.find(AutomationRuleEntity, { select: { id: true }, order: { position: 'ASC', createdAt: 'ASC' } })).map((rule) => rule.id);
      let value: T;
      try {
        value = await work(manager, ids);
      } catch (error) {
        if (isForeignKeyViolation(error)) throw DomainError.validation('The rule’s channel or team does not exist');
        throw error;
      }
      if (ids.length > 0) {
        await manager.query(`UPDATE automation_rule r SET position = o.position - 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, position) WHERE r.id = o.id AND r.position <> o.position - 1`, [ids]);
      }
      return value;
    });
    this.cache.invalidate();
    return result;
  }

  private assertValid(rule: Parameters<typeof ruleProblems>[0] & { name: string; channelId: string | null; teamId: string | null }): void {
    const problems = ruleProblems(rule);
    if (!rule.name) problems.unshift('name: a rule needs a name');
    if (rule.channelId && rule.teamId) problems.push('scope: a rule applies to one channel or one team, not both');
    if (problems.length > 0) throw DomainError.validation(problems.join('; '), problems.map((problem) => ({ field: problem.split(':')[0], messages: [problem.slice(problem.indexOf(':') + 2)] })));
  }

  /** The rule's actions with every label named by id, each one the rule's scope may use. */
  private async labelledActions(actor: UserActor, rule: { channelId: string | null; teamId: string | null; actions: RuleActionInput[] }): Promise<RuleAction[]> {
    const { actions, problems } = await this.labels.resolveRuleLabels(actor, this.scopeTeam(rule, await this.channelTeams()) ?? null, rule.actions);
    if (problems.length > 0) throw DomainError.validation(problems.join('; '), problems.map((problem) => ({ field: problem.split(':')[0], messages: [problem.slice(problem.indexOf(':') + 2)] })));
    return actions;
  }

  /** The teams whose supervisors see an entry about these forms of a rule; none for a rule over every channel. */
  private async teamsOf(rules: ReadonlyArray<{ channelId: string | null; teamId: string | null }>): Promise<string[]> {
    const channelTeams = await this.channelTeams();
    return rules.map((rule) => this.scopeTeam(rule, channelTeams)).filter((team): team is string => typeof team === 'string');
  }

  private async channelTeams(): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<Array<{ id: string; team_id: string }>>(`SELECT id, team_id FROM channel`);
    return new Map(rows.map((row) => [row.id, row.team_id]));
  }

  private scopeTeam(rule: { channelId: string | null; teamId: string | null }, channelTeams: Map<string, string>): string | null | undefined {
    if (rule.channelId) return channelTeams.get(rule.channelId);
    return rule.teamId;
  }

  private canSee(actor: UserActor, rule: AutomationRuleEntity, channelTeams: Map<string, string>): boolean {
    const team = this.scopeTeam(rule, channelTeams);
    return team === null || (team !== undefined && AccessPolicy.canSeeTeam(actor, team));
  }

  private async assertCanManage(actor: UserActor, rule: { channelId: string | null; teamId: string | null }): Promise<void> {
    const team = this.scopeTeam(rule, await this.channelTeams());
    // Another team's channel is answered as a missing one, so that its id leaks nothing.
    const hidden = rule.channelId !== null && team !== undefined && team !== null && !AccessPolicy.canSeeTeam(actor, team);
    if (team === undefined || hidden) throw DomainError.validation('The rule’s channel does not exist', [{ field: 'channelId', messages: ['must be an existing channel'] }]);
    const allowed = team === null ? actor.role === Role.Admin : AccessPolicy.canManageTeam(actor, team);
    if (!allowed) throw DomainError.forbidden(team === null ? 'Only admins manage rules for every channel' : 'Only admins and the team’s supervisors manage its rules');
  }

  private async findManageable(actor: UserActor, id: string): Promise<AutomationRuleEntity> {
    const rule = await this.dataSource.getRepository(AutomationRuleEntity).findOneBy({ id });
    if (!rule || !this.canSee(actor, rule, await this.channelTeams())) throw DomainError.notFound('Rule');
    await this.assertCanManage(actor, rule);
    return rule;
  }
}
