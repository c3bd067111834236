import { CurrentUser, type UserActor } from '@backtalk/auth';
import type { SavedViewCounts, SavedViewView } from '@backtalk/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateSavedViewBody, OrderSavedViewsBody, UpdateSavedViewBody } from './saved-views.dto';
import { SavedViewsService } from './saved-views.service';

@ApiTags('views')
@ApiBearerAuth('user')
@Controller('views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s saved views (their own and their teams’ shared ones), in their order' })
  list(@CurrentUser() actor: UserActor): Promise<SavedViewView[]> {
    return this.views.list(actor);
  }

  /** Registered before `:id` so that "counts" and "order" are not taken for view ids. */
  @Get('counts')
  @ApiOperation({ summary: 'How many conversations each of the caller’s views shows them (up to 1,000), within the access rule' })
  counts(@CurrentUser() actor: UserActor): Promise<SavedViewCounts> {
    return this.views.counts(actor);
  }

  @Put('order')
  @ApiOperation({ summary: 'Sets the caller’s own order of their views' })
  order(@CurrentUser() actor: UserActor, @Body() body: OrderSavedViewsBody): Promise<SavedViewView[]> {
    return this.views.order(actor, body.ids);
  }

  @Post()
  @ApiOperation({ summary: 'Saves a filter set: private, or shared with a team (admins and its supervisors)' })
  create(@CurrentUser() actor: UserActor, @Body() body: CreateSavedViewBody): Promise<SavedViewView> {
    return this.views.create(actor, body);
  }

  @Patch(':id')
  update(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateSavedViewBody): Promise<SavedViewView> {
    return this.views.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.views.remove(actor, id);
  }
}
