import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { EnvironmentVariables } from './env.schema';

describe('.env.example', () => {
  it('lists exactly the variables the schema validates', () => {
    const example = readFileSync(join(__dirname, '../../../../.env.example'), 'utf8');
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]).sort();
    const validated = [
      ...new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
          .map((metadata) => metadata.propertyName),
      ),
    ].sort();
    expect(documented).toEqual(validated);
  });
});
