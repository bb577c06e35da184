import { BadRequestException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ApiErrorDto } from '@accord/contracts';

/** Arrays and objects inside each other deeper than this are refused before any parsing or validation. */
export const MAX_JSON_DEPTH = 32;

/** The largest body any route takes (and the server-wide limit for routes outside the table). */
export const DEFAULT_BODY_LIMIT = 4 * 1024;

/**
 * Body size per route, by the route's path as declared (method-agnostic). The API's bodies are small
 * objects: a password, a settings patch, a query of at most 500 characters (up to 12 bytes each once
 * JSON-escaped), two ids.
 */
const BODY_LIMITS: ReadonlyArray<{ match: RegExp; bytes: number }> = [
  { match: /^\/api\/v1\/auth\//, bytes: 2 * 1024 },
  { match: /^\/api\/v1\/guilds\/:guildId\/settings$/, bytes: 4 * 1024 },
  { match: /^\/api\/v1\/guilds\/:guildId\/queue$/, bytes: 8 * 1024 },
];

export function bodyLimitFor(routePath: string): number {
  return BODY_LIMITS.find(({ match }) => match.test(routePath))?.bytes ?? DEFAULT_BODY_LIMIT;
}

/**
 * Whether `text` opens more than `maxDepth` arrays/objects inside each other. One pass, no recursion
 * and no allocation, so a hostile body costs what reading it costs; brackets inside strings do not count.
 * Malformed JSON is left to the parser.
 */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      depth -= 1;
    }
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** 400 `JSON_TOO_DEEP`, raised by the JSON parser before it parses (the catch-all keeps this body). */
export class JsonTooDeepException extends BadRequestException {
  constructor() {
    const body: ApiErrorDto = {
      statusCode: 400,
      error: 'Bad Request',
      message: `The request body is nested deeper than ${MAX_JSON_DEPTH} levels of arrays or objects.`,
      code: 'JSON_TOO_DEEP',
    };
    super(body);
  }
}

/**
 * Bodies are limited per route (`bodyLimitFor`, checked against Content-Length before anything is
 * read, and while reading), and JSON nested deeper than `MAX_JSON_DEPTH` is refused with 400
 * `JSON_TOO_DEEP` before it is parsed, so neither the parser nor the validation pipe ever sees it.
 * Call before the routes are registered (before `app.init()`/`listen()`).
 */
export function registerBodyLimits(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    route.bodyLimit ??= bodyLimitFor(route.url ?? '');
  });
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(new JsonTooDeepException(), undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}
