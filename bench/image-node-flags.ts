import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DOCKERFILE = join(__dirname, '..', 'docker', 'Dockerfile');

/**
 * The Node flags the image starts the bot with: what sits between `node` and the script in the
 * runtime stage's `CMD ["node", ...flags, "dist/apps/accord/main.js"]`. The process bench and
 * tools/memory run the bot with them, so their figures describe the bot as shipped.
 */
export function imageNodeFlags(dockerfile: string = readFileSync(DOCKERFILE, 'utf8')): string[] {
  const runtime = dockerfile.slice(dockerfile.lastIndexOf(' AS runtime'));
  const cmd = /^CMD (\[.*\])\s*$/m.exec(runtime)?.[1];
  if (!cmd) throw new Error('docker/Dockerfile: no CMD in the runtime stage');
  const argv = JSON.parse(cmd) as string[];
  if (argv[0] !== 'node' || !argv[argv.length - 1].endsWith('main.js')) {
    throw new Error(`docker/Dockerfile: CMD is not node [flags] main.js: ${cmd}`);
  }
  return argv.slice(1, -1);
}
