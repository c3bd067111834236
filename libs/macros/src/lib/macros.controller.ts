import { CurrentUser, type UserActor } from '@backtalk/auth';
import type { BulkActionView, MacroRunView, MacroView } from '@backtalk/contracts';
import { DomainError } from '@backtalk/platform';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BulkActions } from './bulk-actions.service';
import { MacroRunner } from './macro-runner.service';
import { BulkActionBody, CreateMacroBody, ListMacrosQuery, UpdateMacroBody } from './macros.dto';
import { MacrosService } from './macros.service';

/** Printable ASCII, as in the IETF Idempotency-Key draft and the replies' header. */
function idempotencyKeyOrFail(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(raw)) throw DomainError.validation('The Idempotency-Key header must be 1 to 200 printable ASCII characters without spaces');
  return raw;
}

@ApiTags('macros')
@ApiBearerAuth('user')
@Controller()
export class MacrosController {
  constructor(
    private readonly macros: MacrosService,
    private readonly runner: MacroRunner,
    private readonly bulk: BulkActions,
  ) {}

  @Get('macros')
  @ApiOperation({ summary: 'The macros the caller may run (their own, global and their teams’), or those that fit one conversation' })
  list(@CurrentUser() actor: UserActor, @Query() query: ListMacrosQuery): Promise<MacroView[]> {
    return this.macros.list(actor, query);
  }

  @Post('macros')
  @ApiOperation({ summary: 'Creates a macro: personal (anyone), global (admins) or a team’s (admins and its supervisors)' })
  create(@CurrentUser() actor: UserActor, @Body() body: CreateMacroBody): Promise<MacroView> {
    return this.macros.create(actor, body);
  }

  @Patch('macros/:id')
  update(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateMacroBody): Promise<MacroView> {
    return this.macros.update(actor, id, body);
  }

  @Delete('macros/:id')
  @HttpCode(204)
  remove(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.macros.remove(actor, id);
  }

  @Post('conversations/:id/macros/:macroId/run')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key is the same run: steps done are not done again' })
  @ApiOperation({ summary: 'Runs a macro’s steps on the conversation in order; the first failing step stops it and is named' })
  run(
    @CurrentUser() actor: UserActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('macroId', ParseUUIDPipe) macroId: string,
    @Headers('idempotency-key') key?: string,
  ): Promise<MacroRunView> {
    return this.runner.run(actor, id, macroId, idempotencyKeyOrFail(key));
  }

  @Post('conversations/bulk')
  @ApiOperation({ summary: 'One action on many conversations (listed, or all a filter matches): 200 when done, 202 while a job does it' })
  async startBulk(@CurrentUser() actor: UserActor, @Body() body: BulkActionBody, @Res({ passthrough: true }) reply: FastifyReply): Promise<BulkActionView> {
    const view = await this.bulk.start(actor, body);
    reply.status(view.status === 'completed' ? 200 : 202);
    return view;
  }

  @Get('conversations/bulk/:bulkId')
  @ApiOperation({ summary: 'A bulk action’s progress and its failures so far' })
  bulkProgress(@CurrentUser() actor: UserActor, @Param('bulkId', ParseUUIDPipe) bulkId: string): Promise<BulkActionView> {
    return this.bulk.get(actor, bulkId);
  }
}
