import { useCallback, useEffect, useRef, useState } from "react";

export type Resource<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
  set(update: (current: T | undefined) => T | undefined): void;
};

/** Loads once per change of `key`; the latest answer wins, earlier ones are dropped. */
export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(key !== null);
  const loader = useRef(load);
  loader.current = load;
  const generation = useRef(0);

  const run = useCallback(async () => {
    if (key === null) return;
    const mine = ++generation.current;
    const controller = new AbortController();
    setLoading(true);
    try {
      const value = await loader.current(controller.signal);
      if (mine === generation.current) {
        setData(value);
        setError(undefined);
      }
    } catch (e) {
      if (mine === generation.current && (e as Error).name !== "AbortError") setError(e);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [key]);

  useEffect(() => {
    setData(undefined);
    run();
    return () => {
      generation.current++;
    };
  }, [run]);

  return { data, error, loading, reload: run, set: (update) => setData((current) => update(current)) };
}
