import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AdminError, AdminErrorCode } from '@accord/core';
import type { ActiveSession } from './admin-session.types';

/** A request that passed the session guard. */
export type AdminRequest = FastifyRequest & { adminSession?: ActiveSession };

/** The signed-in session (the route must be behind `AdminSessionGuard`). */
export const CurrentSession = createParamDecorator((_data: unknown, context: ExecutionContext): ActiveSession => {
  const session = context.switchToHttp().getRequest<AdminRequest>().adminSession;
  if (!session) throw new AdminError(AdminErrorCode.NotSignedIn, 'Sign in first.');
  return session;
});
