import { STATUS_CODES } from 'node:http';
import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorDto } from '@accord/contracts';
import { mapDomainError } from './http-error.mapper';

/**
 * The HTTP transport's one catch-all. Domain refusals become their status with `{ statusCode,
 * error, message, code }` (plus `fields` when one input is at fault); Nest's HTTP exceptions
 * (validation, throttling, not found, health) keep their body; anything else is logged with the
 * request id and answered with a generic 500 that names that id, never the error's details.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      this.logger.error(`Unhandled ${host.getType()} error: ${describe(exception)}`);
      return;
    }
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.toResponse(exception, request);
    void reply.status(status).send(body);
  }

  private toResponse(exception: unknown, request: FastifyRequest): { status: number; body: unknown } {
    const domain = mapDomainError(exception);
    if (domain) {
      const body: ApiErrorDto = {
        statusCode: domain.status,
        error: STATUS_CODES[domain.status] ?? 'Error',
        message: domain.message,
        code: domain.code,
      };
      if (domain.field) body.fields = { [domain.field]: [domain.message] };
      return { status: domain.status, body };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const body =
        typeof response === 'string'
          ? { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: response, ...bodyCode(status) }
          : response;
      return { status, body };
    }
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    this.logger.error(
      `${request.method} ${request.url.split('?')[0]} failed (request ${request.id}): ${describe(exception)}`,
      exception instanceof Error ? exception.stack : undefined,
    );
    const body: ApiErrorDto = {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Internal Server Error',
      message: `Something went wrong on our side. It was logged with request id ${request.id}.`,
    };
    return { status, body };
  }
}

/** Fastify's size refusal (raised before the body is read) gets a stable code like the API's own errors. */
function bodyCode(status: number): { code?: string } {
  return status === (HttpStatus.PAYLOAD_TOO_LARGE as number) ? { code: 'BODY_TOO_LARGE' } : {};
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
