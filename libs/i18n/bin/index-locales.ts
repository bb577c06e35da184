import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `src/resources.ts`, the index of every `locales/<language>/<namespace>.json`: English
 * imported (bundled with the code, the fallback every lookup may need), every other language's files
 * as a `require` each, run when a message of that language and namespace is first asked for (the
 * bot's build keeps them out of its bundle, beside it: apps/accord/webpack.config.js). Run after
 * adding a language folder or a namespace file: `npm run i18n:index`.
 */

export const LOCALES_DIR = join(__dirname, '..', 'locales');
export const RESOURCES_FILE = join(__dirname, '..', 'src', 'resources.ts');

export interface LocaleFile {
  readonly language: string;
  readonly namespace: string;
}

/** Every message file under `dir`, sorted by language then namespace. */
export function localeFiles(dir: string = LOCALES_DIR): LocaleFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((language) =>
      readdirSync(join(dir, language))
        .filter((file) => file.endsWith('.json'))
        .sort()
        .map((file) => ({ language, namespace: file.slice(0, -'.json'.length) })),
    );
}

/** The language bundled with the code. */
const FALLBACK = 'en';

const identifier = ({ language, namespace }: LocaleFile): string =>
  `${language}_${namespace}`.replace(/[^A-Za-z0-9_]/g, '_');
const property = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

/** The text of `src/resources.ts` for these files. */
export function renderResourceIndex(files: readonly LocaleFile[]): string {
  const english = files.filter((file) => file.language === FALLBACK);
  const others = files.filter((file) => file.language !== FALLBACK);
  const languages = [...new Set(others.map((file) => file.language))];
  const lines = [
    '// Written by `npm run i18n:index` (libs/i18n/bin/index-locales.ts) from libs/i18n/locales: do not edit.',
    '/* eslint-disable @typescript-eslint/no-require-imports -- a language is read when first used, not at load */',
    ...english.map((file) => `import ${identifier(file)} from '../locales/${file.language}/${file.namespace}.json';`),
    "import type { Messages } from './messages';",
    '',
    '/** English, by namespace: bundled with the code, the language every other falls back to. */',
    'export const english = {',
    ...english.map((file) => `  ${property(file.namespace)}: ${identifier(file)},`),
    '};',
    '',
    "/** Every other language's message files, by language and namespace, each read when first called. */",
    'export const otherLanguages: Readonly<Record<string, Readonly<Record<string, () => Messages>>>> = {',
    ...languages.flatMap((language) => [
      `  ${property(language)}: {`,
      ...others
        .filter((file) => file.language === language)
        .map(
          (file) =>
            `    ${property(file.namespace)}: () => require('../locales/${file.language}/${file.namespace}.json') as Messages,`,
        ),
      '  },',
    ]),
    '};',
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  writeFileSync(RESOURCES_FILE, renderResourceIndex(localeFiles()));
  process.stdout.write(`Wrote ${RESOURCES_FILE}\n`);
}
