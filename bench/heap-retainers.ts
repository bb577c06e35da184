// What grew between two heap snapshots of the same process (the soak's soak-bot-warm.heapsnapshot and
// soak-bot-end.heapsnapshot), and who holds it: the objects of the second snapshot that the first did
// not have (V8 keeps an object's snapshot id for the life of the process), by constructor, and for the
// constructors that grew most, the shortest paths from the GC roots that keep them alive, grouped.
//   node -r @swc-node/register bench/heap-retainers.ts BEFORE.heapsnapshot AFTER.heapsnapshot [NAME...]
// NAME picks the constructors to explain (the 8 that grew most by default).
import { readFileSync } from 'node:fs';

interface Snapshot {
  nodeFields: string[];
  nodeTypes: string[];
  edgeFields: string[];
  edgeTypes: string[];
  nodes: Uint32Array;
  edges: Uint32Array;
  strings: string[];
  nodeWidth: number;
  edgeWidth: number;
  /** Index (in nodes, divided by nodeWidth) of each node's first edge. */
  firstEdge: Uint32Array;
}

function load(file: string): Snapshot {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: {
      meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
    };
    nodes: number[];
    edges: number[];
    strings: string[];
  };
  const meta = parsed.snapshot.meta;
  const nodeWidth = meta.node_fields.length;
  const nodes = Uint32Array.from(parsed.nodes);
  const count = nodes.length / nodeWidth;
  const firstEdge = new Uint32Array(count + 1);
  const edgeCountAt = meta.node_fields.indexOf('edge_count');
  for (let n = 0; n < count; n += 1) firstEdge[n + 1] = firstEdge[n] + nodes[n * nodeWidth + edgeCountAt];
  return {
    nodeFields: meta.node_fields,
    nodeTypes: meta.node_types[0],
    edgeFields: meta.edge_fields,
    edgeTypes: meta.edge_types[0],
    nodes,
    edges: Uint32Array.from(parsed.edges),
    strings: parsed.strings,
    nodeWidth,
    edgeWidth: meta.edge_fields.length,
    firstEdge,
  };
}

function nodeReader(snapshot: Snapshot) {
  const at = (field: string): number => snapshot.nodeFields.indexOf(field);
  const [type, name, id, size] = [at('type'), at('name'), at('id'), at('self_size')];
  const w = snapshot.nodeWidth;
  return {
    count: snapshot.nodes.length / w,
    type: (n: number): string => snapshot.nodeTypes[snapshot.nodes[n * w + type]],
    name: (n: number): string => snapshot.strings[snapshot.nodes[n * w + name]],
    id: (n: number): number => snapshot.nodes[n * w + id],
    size: (n: number): number => snapshot.nodes[n * w + size],
    /** The constructor's name for objects and closures, `(type)` for the rest. */
    kind(n: number): string {
      const t = this.type(n);
      return t === 'object' || t === 'closure' ? this.name(n) : `(${t})`;
    },
  };
}

function ids(snapshot: Snapshot): Set<number> {
  const read = nodeReader(snapshot);
  const seen = new Set<number>();
  for (let n = 0; n < read.count; n += 1) seen.add(read.id(n));
  return seen;
}

/** Breadth-first from the root over strong edges: each node's parent edge on a shortest path. */
function shortestParents(snapshot: Snapshot): { parent: Int32Array; via: Int32Array } {
  const read = nodeReader(snapshot);
  const typeAt = snapshot.edgeFields.indexOf('type');
  const toAt = snapshot.edgeFields.indexOf('to_node');
  const weak = snapshot.edgeTypes.indexOf('weak');
  const parent = new Int32Array(read.count).fill(-1);
  const via = new Int32Array(read.count).fill(-1);
  const queue = new Int32Array(read.count);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  parent[0] = 0;
  while (head < tail) {
    const n = queue[head++];
    for (let e = snapshot.firstEdge[n]; e < snapshot.firstEdge[n + 1]; e += 1) {
      const base = e * snapshot.edgeWidth;
      if (snapshot.edges[base + typeAt] === weak) continue;
      const to = snapshot.edges[base + toAt] / snapshot.nodeWidth;
      if (parent[to] !== -1) continue;
      parent[to] = n;
      via[to] = e;
      queue[tail++] = to;
    }
  }
  return { parent, via };
}

function edgeLabel(snapshot: Snapshot, e: number): string {
  const base = e * snapshot.edgeWidth;
  const type = snapshot.edgeTypes[snapshot.edges[base + snapshot.edgeFields.indexOf('type')]];
  const nameOrIndex = snapshot.edges[base + snapshot.edgeFields.indexOf('name_or_index')];
  if (type === 'element' || type === 'hidden') return `[${nameOrIndex}]`;
  return `.${snapshot.strings[nameOrIndex]}`;
}

function main(): void {
  const [beforeFile, afterFile, ...wanted] = process.argv.slice(2);
  if (!beforeFile || !afterFile) throw new Error('usage: heap-retainers.ts BEFORE AFTER [NAME...]');
  const known = ids(load(beforeFile));
  const after = load(afterFile);
  const read = nodeReader(after);
  const fresh = new Map<string, number[]>();
  for (let n = 0; n < read.count; n += 1) {
    if (known.has(read.id(n))) continue;
    const kind = read.kind(n);
    if (kind === '(hidden)' || kind === '(synthetic)') continue;
    const list = fresh.get(kind) ?? [];
    list.push(n);
    fresh.set(kind, list);
  }
  const bytes = (list: number[]): number => list.reduce((sum, n) => sum + read.size(n), 0);
  const ranked = [...fresh.entries()].sort((a, b) => bytes(b[1]) - bytes(a[1]));
  process.stdout.write('objects in the second snapshot only, by constructor (count, self bytes):\n');
  for (const [kind, list] of ranked.slice(0, 30)) process.stdout.write(`  ${kind}: ${list.length}, ${bytes(list)}\n`);
  const { parent, via } = shortestParents(after);
  const explain = wanted.length > 0 ? wanted : ranked.slice(0, 8).map(([kind]) => kind);
  for (const kind of explain) {
    const list = fresh.get(kind) ?? [];
    const paths = new Map<string, number>();
    for (const n of list) {
      const hops: string[] = [];
      let at = n;
      for (let depth = 0; depth < 14 && at !== 0 && parent[at] !== -1; depth += 1) {
        hops.unshift(`${read.kind(parent[at])}${edgeLabel(after, via[at])}`);
        at = parent[at];
      }
      if (parent[n] === -1) hops.unshift('(unreachable)');
      // Array indices and map slots vary per object: the same holder is one path.
      const path = hops.join(' -> ').replace(/\[\d+\]/g, '[n]');
      paths.set(path, (paths.get(path) ?? 0) + 1);
    }
    process.stdout.write(`\n${kind} (${list.length} new): held by\n`);
    for (const [path, count] of [...paths.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)) {
      process.stdout.write(`  ${count} x ${path}\n`);
    }
  }
}

main();
