import { AuditService, changedFields } from '@backtalk/audit';
import { AccessPolicy, auditActorOf, type UserActor } from '@backtalk/auth';
import { CSAT_DEFAULT_MESSAGE, type CsatSurveySettingsView, type UpdateCsatSurveySettingsRequest } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

interface SettingsRow {
  team_id: string;
  enabled: boolean;
  message: string;
  thank_you: string | null;
  delay_minutes: number;
  min_days_between: number;
  reopen_on_low_score: boolean;
  low_score_threshold: number;
}

const COLUMNS: Record<Exclude<keyof UpdateCsatSurveySettingsRequest, 'enabled'>, string> = {
  message: 'message',
  thankYou: 'thank_you',
  delayMinutes: 'delay_minutes',
  minDaysBetween: 'min_days_between',
  reopenOnLowScore: 'reopen_on_low_score',
  lowScoreThreshold: 'low_score_threshold',
};

export function toSettingsView(teamId: string, row: SettingsRow | undefined): CsatSurveySettingsView {
  return {
    teamId,
    enabled: row?.enabled ?? false,
    message: row?.message ?? CSAT_DEFAULT_MESSAGE,
    thankYou: row?.thank_you ?? null,
    delayMinutes: row?.delay_minutes ?? 30,
    minDaysBetween: row?.min_days_between ?? 30,
    reopenOnLowScore: row?.reopen_on_low_score ?? false,
    lowScoreThreshold: row?.low_score_threshold ?? 2,
  };
}

/** A team without a row has never changed its survey: it reads as the defaults, switched off. */
@Injectable()
export class CsatSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(actor: UserActor, teamId: string): Promise<CsatSurveySettingsView> {
    if (!AccessPolicy.canSeeTeam(actor, teamId)) throw DomainError.notFound('Team');
    await this.requireTeam(this.dataSource.manager, teamId);
    return this.read(this.dataSource.manager, teamId);
  }

  async update(actor: UserActor, teamId: string, request: UpdateCsatSurveySettingsRequest): Promise<CsatSurveySettingsView> {
    if (!AccessPolicy.canManageTeam(actor, teamId)) {
      throw AccessPolicy.canSeeTeam(actor, teamId) ? DomainError.forbidden('Only admins and the team’s supervisors change its satisfaction survey') : DomainError.notFound('Team');
    }
    return this.dataSource.transaction(async (manager) => {
      await this.requireTeam(manager, teamId);
      await manager.query(`INSERT INTO csat_survey_settings (team_id) VALUES ($1) ON CONFLICT (team_id) DO NOTHING`, [teamId]);
      const assignments: string[] = ['updated_at = now()'];
      const values: unknown[] = [teamId];
      for (const [field, column] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, string]>) {
        if (request[field] === undefined) continue;
        values.push(typeof request[field] === 'string' ? (request[field] as string).trim() : request[field]);
        assignments.push(`${column} = $${values.length}`);
      }
      if (request.enabled !== undefined) {
        values.push(request.enabled);
        // Only resolves from the moment it was switched on are surveyed; switching it on again starts afresh.
        assignments.push(`enabled = $${values.length}`, `enabled_since = CASE WHEN $${values.length} AND NOT enabled THEN now() WHEN $${values.length} THEN enabled_since ELSE NULL END`);
      }
      const before = await this.read(manager, teamId);
      await manager.query(`UPDATE csat_survey_settings SET ${assignments.join(', ')} WHERE team_id = $1`, values);
      const after = await this.read(manager, teamId);
      const diff = changedFields({ ...before }, { ...after });
      if (diff) await this.audit.record({ actor: auditActorOf(actor), action: 'csat.settings_changed', target: { type: 'team', id: teamId }, teamIds: [teamId], diff }, manager);
      return after;
    });
  }

  private async read(manager: EntityManager, teamId: string): Promise<CsatSurveySettingsView> {
    const [row] = await manager.query<SettingsRow[]>(`SELECT * FROM csat_survey_settings WHERE team_id = $1`, [teamId]);
    return toSettingsView(teamId, row);
  }

  private async requireTeam(manager: EntityManager, teamId: string): Promise<void> {
    const [team] = await manager.query<Array<{ id: string }>>(`SELECT id FROM team WHERE id = $1`, [teamId]);
    if (!team) throw DomainError.notFound('Team');
  }
}
