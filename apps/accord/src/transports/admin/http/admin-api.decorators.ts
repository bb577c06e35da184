import { applyDecorators, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiParam,
  ApiSecurity,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { GuildAccessGuard } from '../access/guild-access.guard';
import { AdminSessionGuard } from '../auth/admin-session.guard';
import { SESSION_COOKIE } from '../auth/admin-session.service';
import { OwnerGuard } from '../auth/owner.guard';
import { ApiErrorResponseDto } from '../dto/api-error.dto';

export const CSRF_SECURITY = 'csrf';

/** Throttled, documented errors, no session needed. */
export function PublicApi(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(ThrottlerGuard),
    ApiTooManyRequestsResponse({ type: ApiErrorResponseDto, description: 'Too many requests from this address' }),
  );
}

/** A signed-in session (401), and the CSRF header on changes (403). */
export function AdminApi(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(ThrottlerGuard, AdminSessionGuard),
    ApiCookieAuth(SESSION_COOKIE),
    ApiSecurity(CSRF_SECURITY),
    ApiUnauthorizedResponse({ type: ApiErrorResponseDto, description: 'Not signed in (NOT_SIGNED_IN)' }),
    ApiForbiddenResponse({
      type: ApiErrorResponseDto,
      description: 'CSRF_TOKEN_INVALID on a change without X-CSRF-Token; see each route for others',
    }),
    ApiTooManyRequestsResponse({ type: ApiErrorResponseDto, description: 'Too many requests from this address' }),
  );
}

/** A `:guildId` route: 403 GUILD_NOT_MANAGED for a guild the user does not manage (existing or not). */
export function GuildApi(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    AdminApi(),
    UseGuards(GuildAccessGuard),
    ApiParam({ name: 'guildId', description: 'Discord guild id', example: '123456789012345678' }),
    ApiBadRequestResponse({ type: ApiErrorResponseDto, description: 'Bad input; `fields` has a message per field' }),
  );
}

/** Bot owners only: 403 OWNER_ONLY for others. */
export function OwnerApi(): ClassDecorator & MethodDecorator {
  return applyDecorators(AdminApi(), UseGuards(OwnerGuard));
}
