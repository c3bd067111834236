import { CONSOLE_LOCALES, type ConsoleLocale, type UpdateUserPreferencesRequest, type UserPreferences } from '@backtalk/contracts';
import { DomainError, IsOmittable } from '@backtalk/platform';
import { Body, Controller, Get, Injectable, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsBoolean, IsIn, ValidateIf } from 'class-validator';
import { DataSource } from 'typeorm';
import type { UserActor } from '../access/actor';
import { CurrentUser } from '../access/decorators';

/** What a person who never changed a setting gets; a new setting added here applies to everyone at once. */
export const DEFAULT_PREFERENCES: UserPreferences = { nextAfterResolve: false, locale: null };

/** Kept in the jsonb column; the language has a column of its own, since the session view and the database check it. */
const STORED_AS_JSON = ['nextAfterResolve'] as const;

type PreferencesRow = { preferences: Partial<UserPreferences>; locale: ConsoleLocale | null };

function fromRow(row: PreferencesRow): UserPreferences {
  const saved = Object.fromEntries(STORED_AS_JSON.filter((key) => key in row.preferences).map((key) => [key, row.preferences[key]]));
  return { ...DEFAULT_PREFERENCES, ...saved, locale: row.locale };
}

export class UpdateUserPreferencesDto implements UpdateUserPreferencesRequest {
  @ApiPropertyOptional({ description: 'After resolving a conversation, open the next one of the list it was in' })
  @IsOmittable()
  @IsBoolean()
  nextAfterResolve?: boolean;

  @ApiPropertyOptional({ enum: CONSOLE_LOCALES, nullable: true, description: 'The console language; null follows the browser' })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsIn(CONSOLE_LOCALES, { message: `locale must be one of ${CONSOLE_LOCALES.join(', ')} or null` })
  locale?: ConsoleLocale | null;
}

@Injectable()
export class UserPreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<UserPreferences> {
    const [row] = await this.dataSource.query<PreferencesRow[]>(`SELECT preferences, locale FROM app_user WHERE id = $1`, [userId]);
    if (!row) throw DomainError.notFound('User');
    return fromRow(row);
  }

  /** Merges the change into what is stored in one statement, so two tabs saving different settings keep both. */
  async update(userId: string, change: UpdateUserPreferencesRequest): Promise<UserPreferences> {
    const known = Object.fromEntries(STORED_AS_JSON.filter((key) => change[key] !== undefined).map((key) => [key, change[key]]));
    const localeChanged = change.locale !== undefined;
    const [row] = await this.dataSource.query<PreferencesRow[]>(
      // As a SELECT over the UPDATE: TypeORM answers a bare UPDATE with [rows, count] instead of the rows.
      `WITH saved AS (
         UPDATE app_user SET preferences = preferences || $2::jsonb, locale = CASE WHEN $3 THEN $4 ELSE locale END, updated_at = now()
         WHERE id = $1 RETURNING preferences, locale
       ) SELECT preferences, locale FROM saved`,
      [userId, JSON.stringify(known), localeChanged, localeChanged ? change.locale : null],
    );
    if (!row) throw DomainError.notFound('User');
    return fromRow(row);
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
