import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<string>();

/** Runs `fn` with a correlation id (an interaction or request id) that every log line inside carries. */
export function withCorrelationId<T>(id: string | undefined, fn: () => T): T {
  return storage.run(id ?? randomUUID(), fn);
}

/** The correlation id of the work in progress, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}
