import type { UpdateUserPreferencesRequest, UserPreferences } from '@backtalk/contracts';
import { DomainError, IsOmittable } from '@backtalk/platform';
import { Body, Controller, Get, Injectable, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsBoolean } from 'class-validator';
import { DataSource } from 'typeorm';
import type { UserActor } from '../access/actor';
import { CurrentUser } from '../access/decorators';

/** What a person who never changed a setting gets; a new setting added here applies to everyone at once. */
export const DEFAULT_PREFERENCES: UserPreferences = { nextAfterResolve: false };

export class UpdateUserPreferencesDto implements UpdateUserPreferencesRequest {
  @ApiPropertyOptional({ description: 'After resolving a conversation, open the next one of the list it was in' })
  @IsOmittable()
  @IsBoolean()
  nextAfterResolve?: boolean;
}

@Injectable()
export class UserPreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<UserPreferences> {
    const [row] = await this.dataSource.query<Array<{ preferences: Partial<UserPreferences> }>>(`SELECT preferences FROM app_user WHERE id = $1`, [userId]);
    if (!row) throw DomainError.notFound('User');
    return { ...DEFAULT_PREFERENCES, ...row.preferences };
  }

  /** Merges the change into what is stored in one statement, so two tabs saving different settings keep both. */
  async update(userId: string, change: UpdateUserPreferencesRequest): Promise<UserPreferences> {
    const known = Object.fromEntries(Object.entries(change).filter(([key, value]) => key in DEFAULT_PREFERENCES && value !== undefined));
    const [row] = await this.dataSource.query<Array<{ preferences: Partial<UserPreferences> }>>(
      // As a SELECT over the UPDATE: TypeORM answers a bare UPDATE with [rows, count] instead of the rows.
      `WITH saved AS (UPDATE app_user SET preferences = preferences || $2::jsonb, updated_at = now() WHERE id = $1 RETURNING preferences) SELECT preferences FROM saved`,
      [userId, JSON.stringify(known)],
    );
    if (!row) throw DomainError.notFound('User');
    return { ...DEFAULT_PREFERENCES, ...row.preferences };
  }
}

@ApiTags('auth')
@ApiBearerAuth('user')
@Controller('me/preferences')
export class UserPreferencesController {
  constructor(private readonly preferences: UserPreferencesService) {}

  @Get()
  get(@CurrentUser() actor: UserActor): Promise<UserPreferences> {
    return this.preferences.get(actor.userId);
  }

  @Patch()
  update(@CurrentUser() actor: UserActor, @Body() body: UpdateUserPreferencesDto): Promise<UserPreferences> {
    return this.preferences.update(actor.userId, body);
  }
}
