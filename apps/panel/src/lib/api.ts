import type { ApiErrorDto } from '@accord/contracts';
import { t } from './i18n';

/** A refusal or failure of the API, with what the server said (or why the server was not reached). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorDto | null,
    readonly requestId: string | null,
  ) {
    super(ApiError.messageOf(status, body));
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.body?.code;
  }

  /** Field name -> messages, on a 400 caused by the input. */
  get fields(): Record<string, string[]> {
    return this.body?.fields ?? {};
  }

  private static messageOf(status: number, body: ApiErrorDto | null): string {
    if (status === 0) return t('errors.unreachable');
    if (!body) return t('errors.status', { status });
    const message = Array.isArray(body.message) ? body.message.join(' ') : body.message;
    return message || body.error || t('errors.status', { status });
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let csrfToken: string | null = null;
let onSignedOut: () => void = () => undefined;

/** The token `GET /auth/me` gave; the `accord_csrf` cookie is the fallback. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever the server answers 401: the session is gone, the panel goes back to the login. */
export function whenSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

function csrfFromCookie(): string | null {
  const cookie = document.cookie.split('; ').find((part) => part.startsWith('accord_csrf='));
  return cookie ? decodeURIComponent(cookie.slice('accord_csrf='.length)) : null;
}

function isApiErrorBody(value: unknown): value is ApiErrorDto {
  return typeof value === 'object' && value !== null && 'statusCode' in value && 'message' in value;
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

interface RequestOptions {
  /** A 401 is an answer the caller handles (the login page asking who is signed in). */
  expect401?: boolean;
}

async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    const token = csrfToken ?? csrfFromCookie();
    if (token) headers['x-csrf-token'] = token;
  }
  // Never a JSON content type without a body: Fastify answers 400 to that.
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, null, null);
  }
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) {
    const error = new ApiError(
      response.status,
      isApiErrorBody(parsed) ? parsed : null,
      response.headers.get('x-request-id'),
    );
    if (response.status === 401 && !options.expect401) onSignedOut();
    throw error;
  }
  return parsed as T;
}

/** The REST API under `/api/v1`: cookies ride along, changes carry the CSRF header. */
export const api = {
  get: <T>(path: string, options?: RequestOptions): Promise<T> => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> =>
    request<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, body),
  delete: <T>(path: string): Promise<T> => request<T>('DELETE', path),
};

/** One line for a person: the server's message, with what it means for a few statuses. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.status) {
    case 401:
      return t('errors.signedOut');
    case 403:
      return t('errors.forbidden', { message: error.message });
    case 409:
      return t('errors.conflict', { message: error.message });
    case 429:
      return t('errors.tooMany', { message: error.message });
    case 503:
      return t('errors.unavailable', { message: error.message });
    default:
      if (error.status >= 500) {
        return error.requestId
          ? t('errors.serverWithId', { status: error.status, requestId: error.requestId, message: error.message })
          : t('errors.server', { status: error.status, message: error.message });
      }
      return error.message;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
