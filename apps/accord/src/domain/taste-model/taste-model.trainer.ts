import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TasteModelJobInput, TasteModelJobOutput } from './taste-model.job';
import { TASTE_MODEL_JOB, type TasteModelWorkerData, type TasteModelWorkerMessage } from './taste-model.worker';

/** The worker's JavaScript heap is capped here; the model's typed arrays live outside it and are reported apart. */
export const WORKER_HEAP_LIMIT_MB = 160;
/** A training run that takes longer than this is stopped (the bot keeps the model it had). */
export const TRAIN_TIMEOUT_MS = 10 * 60_000;

/**
 * Where the worker's code is: beside the bundle in a build, or the TypeScript entry (compiled on
 * load) when the bot runs from its sources, as in the test suite.
 */
function workerScript(): { file: string; execArgv: string[] } {
  const built = join(__dirname, 'taste-model.worker.js');
  if (existsSync(built)) return { file: built, execArgv: [] };
  return { file: join(__dirname, 'taste-model.worker-entry.ts'), execArgv: ['-r', '@swc-node/register'] };
}

/** Runs one training job in a worker thread, off the event loop; rejects when it fails, crashes or times out. */
export function trainInWorker(input: TasteModelJobInput, timeoutMs = TRAIN_TIMEOUT_MS): Promise<TasteModelJobOutput> {
  const script = workerScript();
  const data: TasteModelWorkerData = { job: TASTE_MODEL_JOB, input };
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.file, {
      workerData: data,
      execArgv: script.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_LIMIT_MB },
    });
    worker.unref();
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      settle(() => reject(new Error(`training took over ${Math.round(timeoutMs / 1000)} s and was stopped`)));
      void worker.terminate();
    }, timeoutMs);
    timer.unref();
    worker.once('message', (message: TasteModelWorkerMessage) => {
      settle(() => (message.ok ? resolve(message.output) : reject(new Error(message.error))));
      void worker.terminate();
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the training worker exited (code ${code})`))));
  });
}
