import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runTasteModelJob, type TasteModelJobInput, type TasteModelJobOutput } from './taste-model.job';

/** What the worker posts back: the job's output, or why it failed. */
export type TasteModelWorkerMessage = { ok: true; output: TasteModelJobOutput } | { ok: false; error: string };

/** Marks the worker data of a training run. */
export const TASTE_MODEL_JOB = 'accord:taste-model';

export interface TasteModelWorkerData {
  job: typeof TASTE_MODEL_JOB;
  input: TasteModelJobInput;
}

/** Worker side of a training run: learns from `workerData` and posts the model back (its bytes moved, not copied). */
export function runTasteModelWorker(): void {
  if (isMainThread || !parentPort) throw new Error('the taste model worker runs in a worker thread');
  const data = workerData as TasteModelWorkerData;
  let message: TasteModelWorkerMessage;
  try {
    message = { ok: true, output: runTasteModelJob(data.input) };
  } catch (error) {
    message = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort.postMessage(message, message.ok ? [message.output.bytes.buffer as ArrayBuffer] : []);
}
