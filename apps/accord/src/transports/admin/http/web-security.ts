import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../../config/app-config';
import { withCorrelationId } from '../../../logging/correlation';

/** Where a built panel is looked for, relative to the working directory (the Docker image's first). */
export const PANEL_DIRS = ['dist/apps/panel', 'apps/panel/dist'];

/**
 * Request plumbing every route shares: each request runs under its id as correlation id (and
 * answers it as `X-Request-Id`), cookies are parsed, and helmet sets its headers with a CSP that
 * lets the panel load its own scripts only.
 */
export async function registerWebSecurity(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    withCorrelationId(request.id, done);
  });
  await app.register(fastifyCookie);
  const https = config.http.publicUrl?.startsWith('https:') ?? false;
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Inline style attributes are common in UI kits (and Swagger UI); scripts stay self-only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Avatars (Discord CDN) and track artwork (YouTube) are shown.
        imgSrc: ["'self'", 'data:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind https: on a plain-http LAN install it would make browsers fetch https URLs.
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https ? undefined : false,
  });
}

/**
 * Serves the built panel (when there is one) at `/`, with an SPA fallback: any other GET outside
 * `/api` answers `index.html`, so the panel's own routes survive a reload.
 */
export async function registerPanel(app: NestFastifyApplication, cwd = process.cwd()): Promise<string | null> {
  const root = PANEL_DIRS.map((dir) => resolve(cwd, dir)).find((dir) => existsSync(join(dir, 'index.html')));
  if (!root) return null;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    // Cache-Control is set below, per file.
    cacheControl: false,
    setHeaders: (res, path) => {
      // Vite names built assets by content hash: they never change; index.html always may.
      res.setHeader(
        'cache-control',
        path.includes(`${join('/', 'assets', '/')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') {
      return reply
        .status(404)
        .send({ statusCode: 404, error: 'Not Found', message: `Cannot GET ${request.url.split('?')[0]}` });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return root;
}
