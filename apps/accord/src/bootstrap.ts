import { randomUUID } from 'node:crypto';
import { Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { WsAdapter } from '@nestjs/platform-ws';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { WinstonModule } from 'nest-winston';
import type * as winston from 'winston';
import { SESSION_COOKIE } from './transports/admin/auth/admin-session.service';
import { ApiExceptionFilter } from './transports/admin/http/api-exception.filter';
import { CSRF_SECURITY } from './transports/admin/http/admin-api.decorators';
import { DEFAULT_BODY_LIMIT, registerBodyLimits } from './transports/admin/http/body-limits';
import { registerRequestRateLimit } from './transports/admin/http/request-rate-limit';
import { validationException } from './transports/admin/http/validation';
import { registerPanel, registerWebSecurity } from './transports/admin/http/web-security';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import type { LogRing } from './logging/log-ring';

export interface CreateAppOptions {
  config: AppConfig;
  logger: winston.Logger;
  ring: LogRing;
}

/**
 * Builds the Nest application (Fastify, security headers, cookies, validation, errors, OpenAPI
 * docs, the live WebSocket and the panel's files) without listening, so that `main.ts` and the
 * end-to-end tests boot exactly the same app. `app.close()` runs the shutdown hooks.
 */
export async function createApp({ config, logger, ring }: CreateAppOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, ring),
    new FastifyAdapter({
      // X-Forwarded-For is believed only from the proxies in TRUST_PROXY (none by default), so no
      // client, on the internet or the LAN, can pick the address the rate limits count.
      trustProxy: config.http.trustProxy.length > 0 ? config.http.trustProxy : false,
      // Routes get their own, smaller limits (registerBodyLimits); this is the ceiling for the rest.
      bodyLimit: DEFAULT_BODY_LIMIT,
      genReqId: () => randomUUID(),
    }),
    // Nest's JSON and form parsers are left out: registerBodyLimits installs the only (JSON) parser.
    { logger: WinstonModule.createLogger({ instance: logger }), abortOnError: false, bodyParser: false },
  );
  await registerWebSecurity(app, config);
  registerRequestRateLimit(app);
  registerBodyLimits(app);
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: validationException,
    }),
  );
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useWebSocketAdapter(new WsAdapter(app));
  // The OpenAPI document is built at the first request to /api/docs (and kept), not at boot: scanning
  // every route costs boot time and memory on a bot whose docs are rarely opened.
  SwaggerModule.setup('api/docs', app, () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Accord API')
        .setDescription(
          'Control and observe the Accord music bot. Sign in with `GET /api/v1/auth/discord` (or the owner ' +
            'password); the session is the `accord_session` cookie. Every POST, PUT, PATCH and DELETE needs the ' +
            '`X-CSRF-Token` header (the `accord_csrf` cookie, also in `GET /api/v1/auth/me`). Live updates: ' +
            'WebSocket at `/api/v1/ws`.',
        )
        .setVersion('1')
        .addCookieAuth(SESSION_COOKIE)
        .addApiKey({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' }, CSRF_SECURITY)
        .build(),
    ),
  );
  const panel = await registerPanel(app);
  if (panel) new Logger('Bootstrap').log(`Serving the panel from ${panel}`);
  // No enableShutdownHooks(): main.ts closes the app on SIGTERM/SIGINT itself, within SHUTDOWN_TIMEOUT_S.
  return app;
}
