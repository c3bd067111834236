import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AutomationRuleEntity } from './automation-rule.entity';

/** Rules are read again at most this long after another process changed them: edits apply within a second. */
const RULE_CACHE_TTL_MS = 1000;

/** The enabled rules in order, as the processes that run them see them. */
@Injectable()
export class RuleCache {
  private cached: { expiresAt: number; rules: Promise<AutomationRuleEntity[]> } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  enabledRules(): Promise<AutomationRuleEntity[]> {
    const now = Date.now();
    if (this.cached && this.cached.expiresAt > now) return this.cached.rules;
    const rules = this.dataSource.getRepository(AutomationRuleEntity).find({ where: { enabled: true }, order: { position: 'ASC' } });
    rules.catch(() => (this.cached = null));
    this.cached = { expiresAt: now + RULE_CACHE_TTL_MS, rules };
    return rules;
  }

  /** The rules that apply to a message on this channel (of this team). */
  async rulesFor(channelId: string, teamId: string): Promise<AutomationRuleEntity[]> {
    return (await this.enabledRules()).filter((rule) => (rule.channelId === null || rule.channelId === channelId) && (rule.teamId === null || rule.teamId === teamId));
  }

  invalidate(): void {
    this.cached = null;
  }
}
