import { useEffect, useState } from 'react';

/** The state of one asynchronous read. */
export interface AsyncState<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly isLoading: boolean;
}

/**
 * Runs `read` when `key` changes and keeps its latest answer; an answer to an older key is dropped, so a
 * slow reply never overwrites a newer one. For the few reads the hooks package has no hook for (a
 * preview count, the forecast).
 */
export function useAsync<T>(read: () => Promise<T>, key: string): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ data: undefined, error: null, isLoading: true });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything `read` depends on.
  useEffect(() => {
    let isCurrent = true;
    setState((previous) => ({ ...previous, isLoading: true }));
    read().then(
      (data) => isCurrent && setState({ data, error: null, isLoading: false }),
      (error: unknown) => isCurrent && setState({ data: undefined, error, isLoading: false }),
    );
    return () => {
      isCurrent = false;
    };
  }, [key]);
  return state;
}
