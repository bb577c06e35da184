import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AdminError, AdminErrorCode } from '@accord/core';
import type { AdminRequest } from './admin-request';

/** Only the bot's owners (`OWNER_IDS`, or the password login). Runs after `AdminSessionGuard`. */
@Injectable()
export class OwnerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const session = context.switchToHttp().getRequest<AdminRequest>().adminSession;
    if (!session?.owner) throw new AdminError(AdminErrorCode.OwnerOnly, 'Only the bot owner can see this.');
    return true;
  }
}
