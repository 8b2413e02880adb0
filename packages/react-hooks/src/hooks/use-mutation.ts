import type { HookError } from '@rapport/core/observers';
import { toHookError } from '@rapport/core/observers';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { RapportContextValue } from './rapport-context';
import { useRapportContext } from './rapport-context';

/** Where a mutation stands: not run yet, running, done, failed. */
export type MutationStatus = 'idle' | 'pending' | 'success' | 'error';

/** Callbacks of one `mutate` call. */
export interface MutateCallbacks<R> {
  readonly onSuccess?: (result: R) => void;
  readonly onError?: (error: HookError) => void;
}

/**
 * What every mutation hook returns. `error` is ready for a form: `error.fieldErrors.firstName`.
 *
 * @example
 * ```tsx
 * const update = useUpdate('person');
 * <form onSubmit={() => update.mutate({ id, changes: { lastName }, version })}>
 *   {update.error && <p role="alert">{update.error.message}</p>}
 *   <button disabled={update.status === 'pending'}>Save</button>
 * </form>
 * ```
 */
export interface MutationResult<V, R> {
  /** Runs the mutation; a failure lands in `error` (and `onError`), never in an unhandled rejection. */
  readonly mutate: (variables: V, callbacks?: MutateCallbacks<R>) => void;
  /** Runs the mutation; the promise rejects with the error thrown (a `RapportError`). */
  readonly mutateAsync: (variables: V) => Promise<R>;
  readonly status: MutationStatus;
  /** What the last successful call returned. */
  readonly data: R | undefined;
  readonly error: HookError | null;
  readonly isPending: boolean;
  /** Back to `idle`, forgetting the last result and error. */
  readonly reset: () => void;
}

/** Runs one mutation against the provider's client and cache. */
export type PerformMutation<A, V, R> = (
  context: RapportContextValue,
  argument: A,
  variables: V,
) => Promise<R>;

interface MutationState<R> {
  readonly status: MutationStatus;
  readonly data: R | undefined;
  readonly error: HookError | null;
}

const idle: MutationState<never> = { status: 'idle', data: undefined, error: null };

/**
 * The binding of every mutation hook: the state of the latest call (an earlier call that settles late
 * does not overwrite it) and stable `mutate` / `mutateAsync` / `reset` functions.
 */
export function useMutation<A, V, R>(perform: PerformMutation<A, V, R>, argument: A): MutationResult<V, R> {
  const context = useRapportContext();
  const [state, setState] = useState<MutationState<R>>(idle);
  const latestCall = useRef(0);

  const mutateAsync = useCallback(
    async (variables: V): Promise<R> => {
      const call = ++latestCall.current;
      setState({ status: 'pending', data: undefined, error: null });
      try {
        const data = await perform(context, argument, variables);
        if (call === latestCall.current) setState({ status: 'success', data, error: null });
        return data;
      } catch (error) {
        if (call === latestCall.current)
          setState({ status: 'error', data: undefined, error: toHookError(error) });
        throw error;
      }
    },
    [context, perform, argument],
  );

  const mutate = useCallback(
    (variables: V, callbacks?: MutateCallbacks<R>): void => {
      mutateAsync(variables).then(
        (result) => callbacks?.onSuccess?.(result),
        (error: unknown) => callbacks?.onError?.(toHookError(error)),
      );
    },
    [mutateAsync],
  );

  const reset = useCallback(() => {
    latestCall.current += 1;
    setState(idle);
  }, []);

  return useMemo(
    () => ({ ...state, isPending: state.status === 'pending', mutate, mutateAsync, reset }),
    [state, mutate, mutateAsync, reset],
  );
}
