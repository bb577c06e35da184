import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `src/resources.ts`, which imports every `locales/<language>/<namespace>.json` so the
 * messages are bundled with the code (webpack, Vite and jest all read imported JSON). Run after
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

const identifier = ({ language, namespace }: LocaleFile): string =>
  `${language}_${namespace}`.replace(/[^A-Za-z0-9_]/g, '_');
const property = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

/** The text of `src/resources.ts` for these files. */
export function renderResourceIndex(files: readonly LocaleFile[]): string {
  const languages = [...new Set(files.map((file) => file.language))];
  const lines = [
    '// Written by `npm run i18n:index` (libs/i18n/bin/index-locales.ts) from libs/i18n/locales: do not edit.',
    ...files.map((file) => `import ${identifier(file)} from '../locales/${file.language}/${file.namespace}.json';`),
    '',
    '/** Every message file, by language and namespace. */',
    'export const resources = {',
    ...languages.flatMap((language) => [
      `  ${property(language)}: {`,
      ...files
        .filter((file) => file.language === language)
        .map((file) => `    ${property(file.namespace)}: ${identifier(file)},`),
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
