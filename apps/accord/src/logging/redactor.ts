export const REDACTED = '[redacted]';

/** Keys whose values are secret whatever they hold (matched case-insensitively, ignoring `_`/`-`). */
const SECRET_KEY =
  /^(authorization|token|accesstoken|refreshtoken|password|passwd|secret|clientsecret|code|cookie|setcookie|apikey|sessionid|state)$/;

/** Shapes that are secrets wherever they appear in text. */
const SECRET_PATTERNS: RegExp[] = [
  // Discord bot tokens: base64 user id, timestamp, HMAC.
  /[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,38}/g,
  // Authorization header values.
  /\b(Bot|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  // Credentials inside connection strings: scheme://user:password@host
  /(?<=[a-z+]+:\/\/[^:/@\s]+:)[^@\s]+(?=@)/gi,
  // OAuth codes and tokens in query strings.
  /(?<=[?&](code|access_token|refresh_token|token|state|client_secret)=)[^&\s"']+/gi,
];

const MAX_DEPTH = 6;

/**
 * Builds a function that removes secrets from anything about to be logged: known secret values
 * (from the config), values under secret-looking keys, and token-shaped text. It returns a copy
 * for objects and never throws, so a log call cannot fail because of what it carries.
 */
export function createRedactor(secretValues: readonly string[]): (value: unknown) => unknown {
  // Longest first, so a secret that contains another is replaced whole.
  const secrets = [...secretValues].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);

  const redactText = (text: string): string => {
    let out = text;
    for (const secret of secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    for (const pattern of SECRET_PATTERNS) {
      out = out.replace(pattern, REDACTED);
    }
    return out;
  };

  const walk = (value: unknown, depth: number, seen: WeakSet<object>): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value) || depth > MAX_DEPTH) return '[…]';
    seen.add(value);
    if (value instanceof Error) {
      return {
        name: value.name,
        message: redactText(value.message),
        stack: value.stack ? redactText(value.stack) : undefined,
      };
    }
    if (value instanceof Date) return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSecretKey(key) && inner !== undefined && inner !== null ? REDACTED : walk(inner, depth + 1, seen);
    }
    return out;
  };

  return (value: unknown): unknown => walk(value, 0, new WeakSet());
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[_-]/g, ''));
}
