import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { EnvironmentVariables } from './env.schema';

const root = join(__dirname, '../../../..');
const validated = (): string[] =>
  [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
        .map((metadata) => metadata.propertyName),
    ),
  ].sort();

/** Below this line .env.example lists what only docker compose reads (Lavalink's and yt-cipher's settings). */
const COMPOSE_ONLY = '# === Read by docker compose only';
const names = (text: string): string[] => [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]).sort();

describe('.env.example', () => {
  const example = readFileSync(join(root, '.env.example'), 'utf8');
  const [forTheBot, forCompose = ''] = example.split(COMPOSE_ONLY);

  it('lists exactly the variables the schema validates', () => {
    expect(names(forTheBot)).toEqual(validated());
  });

  it('keeps the compose-only variables apart from the ones the bot reads', () => {
    expect(names(forCompose)).toEqual(['YT_CIPHER_TOKEN', 'YT_CIPHER_URL']);
    expect(names(forCompose).filter((name) => validated().includes(name))).toEqual([]);
  });
});

describe("the README's configuration table", () => {
  it('documents every variable the schema validates', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'));
    const rows = section
      .slice(0, section.indexOf('\n## ', 1))
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    const documented = new Set(
      rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1])),
    );
    expect(validated().filter((name) => !documented.has(name))).toEqual([]);
  });
});
