import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GuildAccessLevel } from '@accord/contracts';
import { AdminError, AdminErrorCode } from '@accord/core';
import type { AdminRequest } from '../auth/admin-request';
import { GuildAccessService } from './guild-access.service';

const NEEDED_ACCESS = 'accord:guild-access';

/** The access a `:guildId` route needs (`dj` unless marked); `manage` for settings. */
export const NeedsGuildAccess = (level: GuildAccessLevel): MethodDecorator & ClassDecorator =>
  SetMetadata(NEEDED_ACCESS, level);

/** Checks the `:guildId` of the route against the session's access (after `AdminSessionGuard`). */
@Injectable()
export class GuildAccessGuard implements CanActivate {
  constructor(
    private readonly access: GuildAccessService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AdminRequest & { params: Record<string, string> }>();
    if (!request.adminSession) throw new AdminError(AdminErrorCode.NotSignedIn, 'Sign in first.');
    const needed =
      this.reflector.getAllAndOverride<GuildAccessLevel | undefined>(NEEDED_ACCESS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'dj';
    await this.access.require(request.adminSession, request.params.guildId ?? '', needed);
    return true;
  }
}
