// Preloaded into the bot by tools/memory/idle-profile.ts (`node -r tools/memory/probe.cjs`); the
// bot's code is unchanged. On SIGUSR2: optional full GC, then memory figures (and a heap snapshot
// when ACCORD_PROBE_SNAPSHOT is set) written to ACCORD_PROBE_OUT.
'use strict';
const { writeFileSync } = require('node:fs');
const v8 = require('node:v8');

const out = process.env.ACCORD_PROBE_OUT;

function figures() {
  const usage = process.memoryUsage();
  const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return {
    rssMb: mb(usage.rss),
    heapTotalMb: mb(usage.heapTotal),
    heapUsedMb: mb(usage.heapUsed),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
    spaces: Object.fromEntries(
      v8
        .getHeapSpaceStatistics()
        .map((space) => [space.space_name, { sizeMb: mb(space.space_size), usedMb: mb(space.space_used_size) }]),
    ),
    codeMb: mb(
      v8.getHeapCodeStatistics().code_and_metadata_size + v8.getHeapCodeStatistics().bytecode_and_metadata_size,
    ),
    modules: Object.keys(require.cache).length,
    modulesByPackage: Object.entries(
      Object.keys(require.cache).reduce((counts, file) => {
        const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(
          file.split('node_modules/').length > 2 ? file.slice(file.lastIndexOf('node_modules/')) : file,
        );
        const name = match ? match[1] : '(app)';
        counts[name] = (counts[name] ?? 0) + 1;
        return counts;
      }, {}),
    )
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25),
  };
}

process.on('SIGUSR2', () => {
  const before = figures();
  if (typeof global.gc === 'function') global.gc();
  const after = figures();
  let snapshot = null;
  if (process.env.ACCORD_PROBE_SNAPSHOT) snapshot = v8.writeHeapSnapshot(process.env.ACCORD_PROBE_SNAPSHOT);
  if (out) writeFileSync(out, JSON.stringify({ before, afterGc: after, snapshot }, null, 2));
});
