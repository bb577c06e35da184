import { runNeedsDatabase } from './global-setup';
import { testDatabaseName, withDatabaseName } from './test-database';

describe(withDatabaseName.name, () => {
  it.each([
    ['mongodb://127.0.0.1:27017/', 'mongodb://127.0.0.1:27017/t_x'],
    ['mongodb://127.0.0.1:27017', 'mongodb://127.0.0.1:27017/t_x'],
    ['mongodb://127.0.0.1:27017/accord', 'mongodb://127.0.0.1:27017/t_x'],
    ['mongodb://a:1,b:2/accord?replicaSet=rs0', 'mongodb://a:1,b:2/t_x?replicaSet=rs0'],
    ['mongodb://u:p%40ss@db:27017/accord', 'mongodb://u:p%40ss@db:27017/t_x?authSource=accord'],
    ['mongodb://u:p@db:27017/', 'mongodb://u:p@db:27017/t_x?authSource=admin'],
    ['mongodb://u:p@db/accord?authSource=users', 'mongodb://u:p@db/t_x?authSource=users'],
    [
      'mongodb+srv://u:p@cluster.example/accord?w=majority',
      'mongodb+srv://u:p@cluster.example/t_x?w=majority&authSource=accord',
    ],
  ])('puts the database into %s', (uri, expected) => {
    expect(withDatabaseName(uri, 't_x')).toBe(expected);
  });

  it('rejects what is not a MongoDB URI, without echoing it', () => {
    expect(() => withDatabaseName('postgres://u:secret@db/x', 't_x')).toThrow(/^Not a MongoDB connection string/);
  });
});

describe(testDatabaseName.name, () => {
  const valid = /^[a-zA-Z0-9_-]{1,63}$/;

  it('names the database after the test file and the label', () => {
    const name = testDatabaseName({
      testPath: '/repo/apps/x/track.repository.int-spec.ts',
      label: 'Old Data',
      random: 'r1',
    });

    expect(name).toMatch(/^t_track-repository-int-spec_old-data_[0-9a-f]{6}_r1$/);
  });

  it('keeps files of the same name in different folders apart', () => {
    const a = testDatabaseName({ testPath: '/repo/a/x.int-spec.ts', random: 'r' });
    const b = testDatabaseName({ testPath: '/repo/b/x.int-spec.ts', random: 'r' });

    expect(a).not.toBe(b);
  });

  it.each([
    [{}],
    [{ label: 'émoji 🎵 / $weird.name' }],
    [{ testPath: `/repo/${'very-long-name-'.repeat(10)}.int-spec.ts`, label: 'x'.repeat(100) }],
  ])('is a valid FerretDB and MongoDB name for %j', (options) => {
    expect(testDatabaseName(options)).toMatch(valid);
  });
});

describe(runNeedsDatabase.name, () => {
  it.each([
    [{}, true],
    [{ selectProjects: ['unit'] }, false],
    [{ selectProjects: ['unit', 'integration'] }, true],
    [{ selectProjects: ['e2e'] }, true],
    [{ ignoreProjects: ['integration'] }, true],
    [{ ignoreProjects: ['integration', 'e2e'] }, false],
  ])('for %j is %s', (selection, expected) => {
    expect(runNeedsDatabase(selection)).toBe(expected);
  });
});
