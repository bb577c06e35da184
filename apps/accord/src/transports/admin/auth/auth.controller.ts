import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthOptionsDto, SessionUserDto } from '@accord/contracts';
import { ApiErrorResponseDto } from '../dto/api-error.dto';
import {
  AuthOptionsResponseDto,
  DiscordCallbackQueryDto,
  PasswordLoginDto,
  SignInLinkQueryDto,
  SessionUserResponseDto,
} from '../dto/auth.dto';
import { AdminApi, PublicApi } from '../http/admin-api.decorators';
import { sendOutcome } from '../http/cookies';
import { CurrentSession } from './admin-request';
import type { ActiveSession } from './admin-session.types';
import { AuthService, OAUTH_STATE_COOKIE } from './auth.service';

const DISCORD_LOGINS_PER_MINUTE = 20;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Get('options')
  @PublicApi()
  @ApiOperation({ summary: 'Which logins this bot offers' })
  @ApiOkResponse({ type: AuthOptionsResponseDto })
  options(): AuthOptionsDto {
    return this.auth.options();
  }

  @Get('discord')
  @PublicApi()
  @Throttle({ default: { limit: DISCORD_LOGINS_PER_MINUTE, ttl: 60_000 } })
  @ApiOperation({ summary: 'Log in with Discord: redirects to Discord (scopes identify, guilds)' })
  @ApiFoundResponse({ description: "Redirect to Discord's consent page" })
  @ApiNotFoundResponse({ type: ApiErrorResponseDto, description: 'LOGIN_NOT_CONFIGURED' })
  startDiscord(@Res() reply: FastifyReply): void {
    sendOutcome(reply, this.auth.startDiscordLogin());
  }

  @Get('discord/callback')
  @PublicApi()
  @Throttle({ default: { limit: DISCORD_LOGINS_PER_MINUTE, ttl: 60_000 } })
  @ApiOperation({ summary: 'Where Discord sends the browser back; starts the session' })
  @ApiFoundResponse({ description: 'Redirect to / (signed in) or /login?error=CODE (e.g. OAUTH_STATE_MISMATCH)' })
  async discordCallback(
    @Query() query: DiscordCallbackQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendOutcome(reply, await this.auth.finishDiscordLogin(query, request.cookies[OAUTH_STATE_COOKIE]));
  }

  @Get('link')
  @PublicApi()
  @Throttle({ default: { limit: DISCORD_LOGINS_PER_MINUTE, ttl: 60_000 } })
  @ApiOperation({ summary: 'Sign in with a one-time link from /panel in Discord (valid 10 minutes, once)' })
  @ApiFoundResponse({ description: "Redirect to the guild's page (signed in) or /login?error=SIGN_IN_LINK_INVALID" })
  async link(@Query() query: SignInLinkQueryDto, @Res() reply: FastifyReply): Promise<void> {
    sendOutcome(reply, await this.auth.loginWithLink(query.token));
  }

  @Post('password')
  @HttpCode(HttpStatus.OK)
  @PublicApi()
  @ApiOperation({
    summary: 'Owner login with ADMIN_PASSWORD (after 3 failures an address waits longer before each try, up to 30 s)',
  })
  @ApiOkResponse({ type: SessionUserResponseDto, description: 'Signed in; the session cookie is set' })
  @ApiUnauthorizedResponse({ type: ApiErrorResponseDto, description: 'WRONG_PASSWORD' })
  @ApiNotFoundResponse({ type: ApiErrorResponseDto, description: 'LOGIN_NOT_CONFIGURED' })
  async password(
    @Body() body: PasswordLoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionUserDto> {
    return sendOutcome(reply, await this.auth.loginWithPassword(body.password, request.ip));
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @AdminApi()
  @ApiOperation({ summary: 'End the session (and its live sockets)' })
  @ApiNoContentResponse({ description: 'Signed out; cookies cleared' })
  async logout(
    @CurrentSession() session: ActiveSession,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    sendOutcome(reply, await this.auth.logout(session));
  }

  @Get('me')
  @AdminApi()
  @ApiOperation({ summary: 'Who is signed in, with the CSRF token to send on changes' })
  @ApiOkResponse({ type: SessionUserResponseDto })
  me(@CurrentSession() session: ActiveSession): SessionUserDto {
    return this.auth.me(session);
  }
}
