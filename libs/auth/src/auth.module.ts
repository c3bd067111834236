import { AuditModule } from '@backtalk/audit';
import { QueueName } from '@backtalk/platform';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from './access/auth.guard';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AUTH_ENTITIES } from './entities';
import { RefreshTokenPurgeProcessor, RefreshTokenPurgeService } from './maintenance/refresh-token-purge';
import { AccessTokenService } from './sessions/access-token.service';
import { LoginRateLimiter } from './sessions/login-rate-limiter';
import { PasswordHasher } from './sessions/password-hasher';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { TeamsController } from './teams/teams.controller';
import { TeamsService } from './teams/teams.service';
import { UserPreferencesController, UserPreferencesService } from './users/user-preferences';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

const SERVICES = [UsersService, UserPreferencesService, TeamsService, SessionsService, ApiKeysService, AccessTokenService, LoginRateLimiter, PasswordHasher, RefreshTokenPurgeService];

/** Accounts and access: users, teams, sign-in sessions, API keys and the global guard. */
@Module({
  imports: [TypeOrmModule.forFeature(AUTH_ENTITIES), BullModule.registerQueue({ name: QueueName.Maintenance }), AuditModule],
  controllers: [SessionsController, UsersController, UserPreferencesController, TeamsController, ApiKeysController],
  providers: [...SERVICES, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [...SERVICES],
})
export class AuthModule {}

/** The auth queue processors; imported by the worker, or by the API when it runs workers in-process. */
@Module({
  imports: [AuthModule, BullModule.registerQueue({ name: QueueName.Maintenance })],
  providers: [RefreshTokenPurgeProcessor],
})
export class AuthWorkerModule {}
