import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

// The GitHub workflows run only on GitHub; this keeps them parseable and pointing at scripts and
// files that exist, so a rename here cannot silently break the public CI or the release.

const root = join(__dirname, '..');
const workflowDir = join(root, '.github', 'workflows');
const scripts = Object.keys(
  (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts,
);

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: unknown;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

const workflows = readdirSync(workflowDir)
  .filter((name) => name.endsWith('.yml'))
  .map((name) => ({ name, workflow: load(readFileSync(join(workflowDir, name), 'utf8')) as Workflow }));

describe('the GitHub workflows', () => {
  it('are there: tests and releases', () => {
    expect(workflows.map(({ name }) => name).sort()).toEqual(['ci.yml', 'release.yml']);
  });

  describe.each(workflows)('$name', ({ workflow }) => {
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

    it('has triggers and jobs with a runner and steps', () => {
      expect(workflow.on).toBeDefined();
      for (const job of Object.values(workflow.jobs)) {
        expect(job['runs-on']).toEqual(expect.any(String));
        expect(job.steps.length).toBeGreaterThan(0);
      }
    });

    it('runs only npm scripts and files that exist', () => {
      const commands = steps.flatMap((step) => (step.run ?? '').split('\n')).map((line) => line.trim());
      for (const command of commands) {
        const script = /^npm run(?: -s)? ([\w:-]+)/.exec(command)?.[1];
        if (script) expect(scripts).toContain(script);
        const file = /^(?:bash|sh|node) ([\w./-]+)/.exec(command)?.[1];
        if (file) expect(existsSync(join(root, file))).toBe(true);
      }
    });

    it('builds from files that exist', () => {
      for (const step of steps) {
        for (const key of ['file', 'cache-dependency-path'] as const) {
          const path = step.with?.[key];
          if (typeof path === 'string') expect(existsSync(join(root, path))).toBe(true);
        }
      }
    });
  });
});
