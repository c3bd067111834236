import { TeamEntity } from '@backtalk/auth';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Long enough to spare the database on a busy webhook path, short enough that an edit applies within a second. */
const TEAM_CACHE_TTL_MS = 1000;

/** A team's routing settings for hot paths (every inbound message asks whether its team is open). */
@Injectable()
export class TeamRoutingCache {
  private readonly cache = new Map<string, { expiresAt: number; value: Promise<TeamEntity | null> }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get(teamId: string): Promise<TeamEntity | null> {
    const now = Date.now();
    const cached = this.cache.get(teamId);
    if (cached && cached.expiresAt > now) return cached.value;
    const value = this.dataSource.getRepository(TeamEntity).findOneBy({ id: teamId });
    value.catch(() => this.cache.delete(teamId));
    this.cache.set(teamId, { expiresAt: now + TEAM_CACHE_TTL_MS, value });
    return value;
  }

  forget(teamId: string): void {
    this.cache.delete(teamId);
  }
}
