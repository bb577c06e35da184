import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The folder graph of the app, read from its imports. ESLint's boundary rule keeps each import
 * pointing inwards (transports -> use cases -> domain -> adapters); this spec adds what a rule on
 * single imports cannot see: that no folders import each other, directly or round a longer loop.
 */
const SRC = __dirname;
const RINGS = new Set(['adapters', 'domain', 'use-cases', 'transports']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** `domain/catalog` for a file in a ring's folder, `config` for a shared folder, `.` for the root files. */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  if (parts.length === 1) return '.';
  return RINGS.has(parts[0]) ? `${parts[0]}/${parts[1]}` : parts[0];
}

function relativeImports(source: string): string[] {
  const specifiers = [...source.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]);
  return [...new Set(specifiers)];
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(SRC + sep)) continue;
      const to = folderOf(target);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Most lines a file that declares a production class may have: past it, the class does more than one job. */
const MAX_CLASS_FILE_LINES = 400;

/** Production files (no specs, no `testing/` folders) that declare a class, with their line counts. */
function classFileLengths(): Array<{ file: string; lines: number }> {
  return sourceFiles(SRC)
    .filter((file) => !relative(SRC, file).split(sep).includes('testing'))
    .map((file) => ({ file, source: readFileSync(file, 'utf8') }))
    .filter(({ source }) => /^(export )?(abstract )?class /m.test(source))
    .map(({ file, source }) => ({ file: relative(SRC, file), lines: source.replace(/\n$/, '').split('\n').length }));
}

/** Every loop of folders (Tarjan's strongly connected components larger than one folder). */
function loops(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the architecture of apps/accord/src', () => {
  const graph = folderGraph();

  it('has its code in the four rings and the shared folders', () => {
    const folders = [...graph.keys()].filter((folder) => !folder.includes('/')).sort();

    expect(folders).toEqual(['.', 'config', 'logging', 'shared']);
    expect([...graph.keys()].filter((folder) => folder.startsWith('domain/')).length).toBeGreaterThan(0);
  });

  it('has no two folders that import each other, directly or through others', () => {
    expect(loops(graph)).toEqual([]);
  });

  it(`has no production class file over ${MAX_CLASS_FILE_LINES} lines`, () => {
    const files = classFileLengths();

    expect(files.length).toBeGreaterThan(0);
    expect(files.filter(({ lines }) => lines > MAX_CLASS_FILE_LINES)).toEqual([]);
  });

  it('finds a loop when there is one (the check itself can fail)', () => {
    const looped = new Map([
      ['domain/a', new Set(['domain/b'])],
      ['domain/b', new Set(['domain/c'])],
      ['domain/c', new Set(['domain/a'])],
      ['domain/d', new Set(['domain/a'])],
    ]);

    expect(loops(looped)).toEqual([['domain/a', 'domain/b', 'domain/c']]);
  });
});
