import { REFRESH_COOKIE_NAME, type SessionResponse, type UserView } from '@backtalk/contracts';
import { AppConfig, API_PREFIX, Public } from '@backtalk/platform';
import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserActor } from '../access/actor';
import { CurrentUser } from '../access/decorators';
import { UsersService } from '../users/users.service';
import { ChangePasswordDto, LoginDto } from './sessions.dto';
import { type ClientInfo, type IssuedSession, SessionsService } from './sessions.service';

/** The cookie is sent only to the auth routes, never with ordinary API calls. */
const REFRESH_COOKIE_PATH = `/${API_PREFIX}/auth`;

function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

@ApiTags('auth')
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; sets the refresh cookie and returns a short-lived access token' })
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionResponse> {
    return this.respond(reply, await this.sessions.login(body.email, body.password, clientOf(request)));
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange the refresh cookie for a new access token; the cookie is rotated' })
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionResponse> {
    try {
      return this.respond(reply, await this.sessions.refresh(request.cookies[REFRESH_COOKIE_NAME], clientOf(request)));
    } catch (error) {
      void reply.clearCookie(REFRESH_COOKIE_NAME, { path: REFRESH_COOKIE_PATH });
      throw error;
    }
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.logout(request.cookies[REFRESH_COOKIE_NAME], clientOf(request));
    void reply.clearCookie(REFRESH_COOKIE_NAME, { path: REFRESH_COOKIE_PATH });
  }

  @ApiBearerAuth('user')
  @Get('me')
  me(@CurrentUser() actor: UserActor): Promise<UserView> {
    return this.users.get(actor, actor.userId);
  }

  @ApiBearerAuth('user')
  @Post('me/password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change your password; every other session ends' })
  async changePassword(
    @CurrentUser() actor: UserActor,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    return this.respond(reply, await this.sessions.changePassword(actor.userId, body.currentPassword, body.newPassword, clientOf(request)));
  }

  private respond(reply: FastifyReply, issued: IssuedSession): SessionResponse {
    void reply.setCookie(REFRESH_COOKIE_NAME, issued.refreshToken, {
      httpOnly: true,
      secure: this.config.cookieSecure,
      sameSite: 'strict',
      path: REFRESH_COOKIE_PATH,
      expires: issued.refreshExpiresAt,
    });
    void reply.header('Cache-Control', 'no-store');
    return issued.session;
  }
}
