import {
  HttpException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { AdminSessionService } from '../auth/admin-session.service';
import { publicHealth } from './health-view';

/**
 * Health details (node names, player counts, error text) for bot owners only: anyone else gets
 * `publicHealth` of the same answer, with the same status code (200, or 503 when a part is down).
 * The owner is whoever's session cookie is an owner's now (see AdminSessionService).
 */
@Injectable()
export class HealthVisibilityInterceptor implements NestInterceptor {
  constructor(private readonly sessions: AdminSessionService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const owner = this.isOwner(request.headers.cookie);
    return next.handle().pipe(
      mergeMap((body: unknown) => from(owner.then((full) => (full ? body : publicHealth(body))))),
      catchError((error: unknown) =>
        from(
          owner.then((full) => {
            if (full || !(error instanceof HttpException)) throw error;
            throw new HttpException(publicHealth(error.getResponse()), error.getStatus());
          }),
        ),
      ),
    );
  }

  private async isOwner(cookie: string | undefined): Promise<boolean> {
    if (!cookie) return false;
    const session = await this.sessions.fromCookieHeader(cookie).catch(() => null);
    return session?.owner ?? false;
  }
}
