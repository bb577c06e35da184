// Summarises a V8 heap snapshot (.heapsnapshot JSON) by package: for every loaded script, its
// source text and the compiled code V8 keeps for its functions (SharedFunctionInfo, bytecode,
// scope info, feedback), grouped by node_modules package; then the heap by node type and the
// largest single objects with the first link of what holds them.
//   node -r @swc-node/register tools/memory/heap-by-module.ts FILE.heapsnapshot
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

interface PackageFigures {
  scripts: number;
  sourceBytes: number;
  codeBytes: number;
}

const NAMED_EDGES = new Set(['context', 'property', 'internal', 'shortcut', 'weak']);
const CODE_EDGES = new Set(['function_data', 'name_or_scope_info', 'raw_outer_scope_info_or_feedback_metadata']);
const BYTECODE_EDGES = new Set(['constant_pool', 'source_position_table', 'handler_table']);

/**
 * `node_modules/@scope/name/...` or the build's `packages/@scope+name.js` → `@scope/name`; the
 * bundle and Node's own scripts by name.
 */
export function packageOf(scriptName: string): string {
  const inModules = scriptName.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const parts = scriptName.slice(inModules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (scriptName.startsWith('node:') || !scriptName.startsWith('/')) return '(node internals)';
  // The build bundles each package into a script of its own: dist/apps/accord/packages/@scope+name.js.
  const bundled = /\/dist\/apps\/accord\/packages\/(.+)\.js$/.exec(scriptName);
  if (bundled) return bundled[1].replace('+', '/');
  if (scriptName.includes('/dist/apps/accord/')) return '(accord bundle)';
  return scriptName;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2).padStart(7);

export function summariseSnapshot(text: string, top = 25): string {
  const parsed = JSON.parse(text) as Snapshot;
  const { meta } = parsed.snapshot;
  const { nodes, edges, strings } = parsed;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  const typeAt = meta.node_fields.indexOf('type');
  const nameAt = meta.node_fields.indexOf('name');
  const sizeAt = meta.node_fields.indexOf('self_size');
  const edgeCountAt = meta.node_fields.indexOf('edge_count');
  const edgeTypeAt = meta.edge_fields.indexOf('type');
  const edgeNameAt = meta.edge_fields.indexOf('name_or_index');
  const edgeToAt = meta.edge_fields.indexOf('to_node');
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const count = nodes.length / nodeFields;

  const firstEdge = new Uint32Array(count + 1);
  for (let node = 0; node < count; node += 1) {
    firstEdge[node + 1] = firstEdge[node] + nodes[node * nodeFields + edgeCountAt] * edgeFields;
  }
  const type = (node: number): string => nodeTypes[nodes[node * nodeFields + typeAt]];
  const name = (node: number): string => strings[nodes[node * nodeFields + nameAt]];
  const size = (node: number): number => nodes[node * nodeFields + sizeAt];
  function* namedEdges(node: number): Generator<{ kind: string; label: string; to: number }> {
    for (let edge = firstEdge[node]; edge < firstEdge[node + 1]; edge += edgeFields) {
      const kind = edgeTypes[edges[edge + edgeTypeAt]];
      if (!NAMED_EDGES.has(kind)) continue;
      yield { kind, label: strings[edges[edge + edgeNameAt]], to: edges[edge + edgeToAt] / nodeFields };
    }
  }

  // Scripts (an internal `source` edge to their text) and the package each belongs to.
  const scriptPackage = new Map<number, string>();
  const byPackage = new Map<string, PackageFigures>();
  const figuresFor = (pkg: string): PackageFigures => {
    let figures = byPackage.get(pkg);
    if (!figures) byPackage.set(pkg, (figures = { scripts: 0, sourceBytes: 0, codeBytes: 0 }));
    return figures;
  };
  const counted = new Uint8Array(count);
  for (let node = 0; node < count; node += 1) {
    for (const edge of namedEdges(node)) {
      if (edge.kind !== 'internal' || edge.label !== 'source' || !type(edge.to).includes('string')) continue;
      const pkg = packageOf(name(node));
      scriptPackage.set(node, pkg);
      const figures = figuresFor(pkg);
      figures.scripts += 1;
      if (!counted[edge.to]) figures.sourceBytes += size(edge.to);
      counted[edge.to] = 1;
    }
  }
  // Functions: the SharedFunctionInfo, its bytecode (and constant pool, positions), scope info and
  // feedback metadata, charged to the package of its script.
  const charge = (pkg: string, node: number): void => {
    if (counted[node]) return;
    counted[node] = 1;
    figuresFor(pkg).codeBytes += size(node);
  };
  for (let node = 0; node < count; node += 1) {
    let pkg: string | undefined;
    for (const edge of namedEdges(node)) {
      if (edge.label === 'script_or_debug_info') pkg = scriptPackage.get(edge.to);
    }
    if (!pkg) continue;
    charge(pkg, node);
    for (const edge of namedEdges(node)) {
      if (!CODE_EDGES.has(edge.label) || type(edge.to) !== 'code') continue;
      charge(pkg, edge.to);
      for (const inner of namedEdges(edge.to)) if (BYTECODE_EDGES.has(inner.label)) charge(pkg, inner.to);
    }
  }

  const byType = new Map<string, number>();
  let total = 0;
  for (let node = 0; node < count; node += 1) {
    byType.set(type(node), (byType.get(type(node)) ?? 0) + size(node));
    total += size(node);
  }
  const retainer = new Int32Array(count).fill(-1);
  const retainerLabel = new Map<number, string>();
  for (let node = 0; node < count; node += 1) {
    for (const edge of namedEdges(node)) {
      if (edge.kind === 'weak' || retainer[edge.to] !== -1) continue;
      retainer[edge.to] = node;
      retainerLabel.set(edge.to, edge.label);
    }
  }
  const describe = (node: number): string => `${type(node)} ${name(node).slice(0, 50).replace(/\s+/g, ' ')}`;
  const pathOf = (node: number): string => {
    const hops: string[] = [];
    for (let at = node, depth = 0; retainer[at] !== -1 && depth < 8; at = retainer[at], depth += 1) {
      hops.push(`${retainerLabel.get(at)} ← ${describe(retainer[at])}`);
    }
    return hops.join(' ← ');
  };

  const packages = [...byPackage.entries()].sort(
    (a, b) => b[1].sourceBytes + b[1].codeBytes - (a[1].sourceBytes + a[1].codeBytes),
  );
  const sum = (pick: (figures: PackageFigures) => number): number =>
    packages.reduce((acc, [, figures]) => acc + pick(figures), 0);
  const largest = Array.from({ length: count }, (_, node) => node)
    .sort((a, b) => size(b) - size(a))
    .slice(0, 8);
  return [
    `heap snapshot: ${count} objects, ${mb(total).trim()} MB`,
    '',
    'by node type (MB):',
    ...[...byType.entries()].sort((a, b) => b[1] - a[1]).map(([kind, bytes]) => `  ${mb(bytes)}  ${kind}`),
    '',
    `loaded code by package (MB; ${sum((f) => f.scripts)} scripts, source ${mb(sum((f) => f.sourceBytes)).trim()}, ` +
      `compiled ${mb(sum((f) => f.codeBytes)).trim()}):`,
    '   source  compiled  scripts  package',
    ...packages
      .slice(0, top)
      .map(
        ([pkg, figures]) =>
          `  ${mb(figures.sourceBytes)}   ${mb(figures.codeBytes)}  ${String(figures.scripts).padStart(7)}  ${pkg}`,
      ),
    '',
    'largest objects (MB, first holder):',
    ...largest.map((node) => `  ${mb(size(node))}  ${describe(node)} ← ${pathOf(node)}`),
  ].join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: heap-by-module.ts FILE.heapsnapshot');
  process.stdout.write(`${summariseSnapshot(readFileSync(file, 'utf8'))}\n`);
}
