import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the data with what a change or a live frame says. */
  set: (update: T | ((previous: T | undefined) => T | undefined)) => void;
}

/**
 * Loads `load()` when `key` changes (and every `refreshMs` when given); keeps the last data while
 * reloading, so a failed refresh shows its error beside what was already on screen.
 */
export function useResource<T>(load: (() => Promise<T>) | null, key: string, refreshMs?: number): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(load !== null);
  const [generation, setGeneration] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const run = loader.current;
    if (!run) return undefined;
    let cancelled = false;
    setLoading(true);
    run().then(
      (value) => {
        if (cancelled) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (cancelled) return;
        setError(reason);
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, generation]);

  useEffect(() => {
    if (!refreshMs) return undefined;
    const timer = setInterval(() => setGeneration((value) => value + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const set = useCallback((update: T | ((previous: T | undefined) => T | undefined)) => {
    setData((previous) =>
      typeof update === 'function' ? (update as (p: T | undefined) => T | undefined)(previous) : update,
    );
  }, []);
  return { data, error, loading, reload, set };
}
