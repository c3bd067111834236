import { Role, type UserView } from '@backtalk/contracts';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserActor } from '../access/actor';
import { CurrentUser, Roles } from '../access/decorators';
import { CreateUserDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth('user')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@CurrentUser() actor: UserActor): Promise<UserView[]> {
    return this.users.list(actor);
  }

  @Get(':id')
  get(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.get(actor, id);
  }

  @Roles(Role.Admin)
  @Post()
  create(@CurrentUser() actor: UserActor, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(body, actor);
  }

  @Roles(Role.Admin)
  @Patch(':id')
  update(@CurrentUser() actor: UserActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, id, body);
  }
}
