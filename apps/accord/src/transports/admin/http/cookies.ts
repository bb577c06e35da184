import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';

/** A cookie to set (or, with `value: null`, to clear) on the answer. */
export interface CookieInstruction {
  name: string;
  value: string | null;
  options: CookieSerializeOptions;
}

/** What an auth step answers: a body or a redirect, with the cookies that go with it. */
export interface AuthOutcome<T = undefined> {
  body: T;
  cookies: CookieInstruction[];
  /** When set, the answer is a 302 to this (same-site) location. */
  redirect?: string;
}

/** Writes an outcome's cookies on the reply and returns its body (or sends its redirect). */
export function sendOutcome<T>(reply: FastifyReply, outcome: AuthOutcome<T>): T {
  for (const cookie of outcome.cookies) {
    if (cookie.value === null) void reply.clearCookie(cookie.name, cookie.options);
    else void reply.setCookie(cookie.name, cookie.value, cookie.options);
  }
  if (outcome.redirect) void reply.redirect(outcome.redirect, 302);
  return outcome.body;
}
