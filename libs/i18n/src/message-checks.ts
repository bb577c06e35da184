import type { Messages } from './messages';

/**
 * The checks the completeness spec runs over the message files, as plain functions so their own
 * spec can show that each one catches what it is for.
 */

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{\s*-?\s*([^,}\s]+)[^}]*\}\}/g;
const NESTED = /\$t\(([^),]+)[^)]*\)/g;

/** Discord's command and option name rule (with the lowercase requirement checked apart). */
export const DISCORD_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** `{ a: { b: 'x' } }` -> `{ 'a.b': 'x' }`, prefixed with the namespace (`ns:a.b`). */
export function flatten(namespace: string, messages: Messages, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(`${namespace}:${path}`, value);
    else for (const [inner, text] of flatten(namespace, value, path)) flat.set(inner, text);
  }
  return flat;
}

/** The names of the `{{placeholders}}` in a message, and the `$t(namespace:key)` messages it nests. */
export function placeholdersOf(text: string): Set<string> {
  return new Set([
    ...[...text.matchAll(PLACEHOLDER)].map((match) => match[1]),
    ...[...text.matchAll(NESTED)].map((match) => `$t(${match[1]})`),
  ]);
}

/** The key without its plural suffix, or undefined when it has none. */
export function pluralBase(key: string): string | undefined {
  return PLURAL_SUFFIX.test(key) ? key.replace(PLURAL_SUFFIX, '') : undefined;
}

/** The plural forms `language` needs (`Intl.PluralRules`): en one/other, pl one/few/many/other, ja other. */
export function pluralForms(language: string): string[] {
  return [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
}

interface Entry {
  /** The key without plural suffix. */
  readonly base: string;
  readonly plural: boolean;
}

function entries(messages: Map<string, string>, english: Map<string, string>): Map<string, Entry> {
  const englishPlurals = new Set([...english.keys()].map(pluralBase).filter((base) => base !== undefined));
  const result = new Map<string, Entry>();
  for (const key of messages.keys()) {
    const base = pluralBase(key);
    if (base !== undefined && englishPlurals.has(base)) result.set(key, { base, plural: true });
    else result.set(key, { base: key, plural: false });
  }
  return result;
}

const union = (sets: Iterable<Set<string>>): Set<string> => new Set([...sets].flatMap((set) => [...set]));
const sameSet = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));
const show = (set: Set<string>): string => `{${[...set].sort().join(', ')}}`;

/**
 * What is wrong with `language`'s messages against English's: a key missing or extra, a plural form
 * missing or extra for `language`'s plural rules, a message with other placeholders than English's,
 * an empty message.
 */
export function completenessProblems(
  language: string,
  messages: Map<string, string>,
  english: Map<string, string>,
): string[] {
  const problems: string[] = [];
  const englishEntries = entries(english, english);
  const ownEntries = entries(messages, english);
  const forms = new Set(pluralForms(language));
  const groups = (source: Map<string, string>, of: Map<string, Entry>): Map<string, Map<string, string>> => {
    const grouped = new Map<string, Map<string, string>>();
    for (const [key, text] of source) {
      const { base } = of.get(key) as Entry;
      grouped.set(base, (grouped.get(base) ?? new Map<string, string>()).set(key, text));
    }
    return grouped;
  };
  const englishGroups = groups(english, englishEntries);
  const ownGroups = groups(messages, ownEntries);

  for (const [base, englishForms] of englishGroups) {
    const own = ownGroups.get(base);
    if (!own) {
      problems.push(`${language}: missing ${base}`);
      continue;
    }
    const plural = [...englishForms.keys()].some((key) => englishEntries.get(key)?.plural);
    if (plural) {
      const present = new Set([...own.keys()].map((key) => key.slice(base.length + 1)));
      for (const form of forms) if (!present.has(form)) problems.push(`${language}: missing ${base}_${form}`);
      for (const form of present) if (!forms.has(form)) problems.push(`${language}: extra plural form ${base}_${form}`);
      const expected = union([...englishForms.values()].map(placeholdersOf));
      const found = union([...own.values()].map(placeholdersOf));
      if (!sameSet(expected, found))
        problems.push(`${language}: ${base} has placeholders ${show(found)}, English ${show(expected)}`);
      const other = own.get(`${base}_other`);
      if (other !== undefined && !sameSet(placeholdersOf(other), expected))
        problems.push(`${language}: ${base}_other must use every placeholder ${show(expected)}`);
    } else {
      const [englishText] = englishForms.values();
      const text = own.get(base);
      if (text === undefined) {
        problems.push(`${language}: missing ${base}`);
        continue;
      }
      const expected = placeholdersOf(englishText);
      const found = placeholdersOf(text);
      if (!sameSet(expected, found))
        problems.push(`${language}: ${base} has placeholders ${show(found)}, English ${show(expected)}`);
    }
  }
  for (const [base, own] of ownGroups) {
    if (!englishGroups.has(base)) for (const key of own.keys()) problems.push(`${language}: extra ${key}`);
  }
  for (const [key, text] of messages) if (text.trim() === '') problems.push(`${language}: ${key} is empty`);
  return problems;
}

/**
 * Discord's length limits, by where a message is shown (its key's last part). A key names its use:
 * in `commands`, `name` (command, option: 32 characters, lowercase, Discord's name pattern),
 * `description` (100) and `choices.*` (100); elsewhere `label` or `buttons.*` (button and select
 * option labels, 80), `title` (embed title, 256), `field`/`value` (embed field value, 1024),
 * `placeholder` (select placeholder, 150), `footer` (2048), `description` (embed description,
 * 4096); anything else is message content (2000).
 */
export function discordLimitProblems(language: string, key: string, text: string): string[] {
  const [namespace, path] = key.split(':', 2) as [string, string];
  const parts = path.split('.');
  const last = (pluralBase(parts[parts.length - 1]) ?? parts[parts.length - 1]).toLowerCase();
  const within = (max: number, what: string): string[] =>
    [...text].length > max ? [`${language}: ${key} is longer than ${max} characters (${what})`] : [];
  if (namespace === 'commands') {
    if (parts.includes('choices')) return within(100, 'a choice name');
    if (last === 'name') {
      const problems: string[] = [];
      if (!DISCORD_NAME.test(text)) problems.push(`${language}: ${key} "${text}" does not fit Discord's name rule`);
      if (text !== text.toLocaleLowerCase(language)) problems.push(`${language}: ${key} "${text}" is not lowercase`);
      return problems;
    }
    if (last === 'description') return within(100, 'a command or option description');
    return within(2000, 'message content');
  }
  if (last.endsWith('label') || parts.includes('buttons')) return within(80, 'a button label');
  if (last.endsWith('title')) return within(256, 'an embed title');
  if (last.endsWith('field') || last.endsWith('value')) return within(1024, 'an embed field value');
  if (last.endsWith('placeholder')) return within(150, 'a select menu placeholder');
  if (last.endsWith('footer')) return within(2048, 'an embed footer');
  if (last.endsWith('description')) return within(4096, 'an embed description');
  return within(2000, 'message content');
}
