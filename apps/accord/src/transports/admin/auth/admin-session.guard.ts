import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AdminError, AdminErrorCode } from '@accord/core';
import type { AdminRequest } from './admin-request';
import { AdminSessionService, CSRF_HEADER } from './admin-session.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A signed-in session is required (401 otherwise), and every state-changing request carries the
 * session's anti-CSRF token in `X-CSRF-Token` (403 otherwise).
 */
@Injectable()
export class AdminSessionGuard implements CanActivate {
  constructor(private readonly sessions: AdminSessionService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AdminRequest>();
    const session = await this.sessions.fromCookieHeader(request.headers.cookie);
    if (!session) throw new AdminError(AdminErrorCode.NotSignedIn, 'Sign in first.');
    if (!SAFE_METHODS.has(request.method) && !this.sessions.csrfMatches(session, request.headers[CSRF_HEADER])) {
      throw new AdminError(
        AdminErrorCode.CsrfTokenInvalid,
        'The X-CSRF-Token header is missing or wrong (it is the accord_csrf cookie).',
      );
    }
    request.adminSession = session;
    return true;
  }
}
