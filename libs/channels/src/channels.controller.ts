import { CurrentUser, Roles, type UserActor } from '@backtalk/auth';
import { type ChannelView, Role } from '@backtalk/contracts';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateChannelDto, UpdateChannelDto } from './channels.dto';
import { ChannelsService } from './channels.service';

@ApiTags('channels')
@ApiBearerAuth('user')
@Controller('channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  list(@CurrentUser() actor: UserActor): Promise<ChannelView[]> {
    return this.channels.list(actor);
  }

  @Get(':id')
  get(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<ChannelView> {
    return this.channels.get(actor, id);
  }

  @Roles(Role.Admin)
  @Post()
  create(@CurrentUser() actor: UserActor, @Body() body: CreateChannelDto): Promise<ChannelView> {
    return this.channels.create(body, actor);
  }

  @Roles(Role.Admin)
  @Patch(':id')
  update(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateChannelDto): Promise<ChannelView> {
    return this.channels.update(id, body, actor);
  }
}
