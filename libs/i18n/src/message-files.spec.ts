import { readFileSync } from 'node:fs';
import { localeFiles, renderResourceIndex, RESOURCES_FILE } from '../bin/index-locales';
import { LANGUAGES } from './languages';
import { completenessProblems, discordLimitProblems, flatten } from './message-checks';
import { messageFiles } from './translate';

const messagesOf = (language: string): Map<string, string> => {
  return new Map(
    Object.entries(messageFiles(language)).flatMap(([namespace, messages]) => [...flatten(namespace, messages)]),
  );
};

describe('message files', () => {
  const english = messagesOf('en');

  it('bundles every file under locales (run `npm run i18n:index` after adding one)', () => {
    expect(readFileSync(RESOURCES_FILE, 'utf8')).toBe(renderResourceIndex(localeFiles()));
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    '%s has every key of English, no other, each plural form and the same placeholders',
    (language) => {
      expect(completenessProblems(language, messagesOf(language), english)).toEqual([]);
    },
  );

  it('English has the plural forms English needs', () => {
    expect(completenessProblems('en', english, english)).toEqual([]);
  });

  it.each([...LANGUAGES])('%s fits Discord limits everywhere', (language) => {
    const problems = [...messagesOf(language)].flatMap(([key, text]) => discordLimitProblems(language, key, text));
    expect(problems).toEqual([]);
  });
});
