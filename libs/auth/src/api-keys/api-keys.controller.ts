import { type ApiKeyView, type CreatedApiKeyResponse, Role } from '@backtalk/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiKeyActor, UserActor } from '../access/actor';
import { ApiKeyAuth, CurrentActor, CurrentUser, Roles } from '../access/decorators';
import { CreateApiKeyDto } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api keys')
@Controller()
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @ApiBearerAuth('user')
  @Roles(Role.Admin)
  @Get('api-keys')
  list(): Promise<ApiKeyView[]> {
    return this.apiKeys.list();
  }

  @ApiBearerAuth('user')
  @Roles(Role.Admin)
  @Post('api-keys')
  @ApiOperation({ summary: 'Create an API key; the key is in this response only' })
  create(@CurrentUser() actor: UserActor, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    return this.apiKeys.create(body.name, body.scopes, actor.userId);
  }

  @ApiBearerAuth('user')
  @Roles(Role.Admin)
  @Delete('api-keys/:id')
  @HttpCode(204)
  revoke(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.apiKeys.revoke(id, actor);
  }

  @ApiBearerAuth('api-key')
  @ApiKeyAuth()
  @Get('v1/api-key')
  @ApiOperation({ summary: 'Describe the API key making the call (lets an integration check its key and scopes)' })
  whoAmI(@CurrentActor() actor: ApiKeyActor): Promise<ApiKeyView> {
    return this.apiKeys.view(actor);
  }
}
