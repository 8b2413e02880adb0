import { RapportError } from '../../errors/rapport-error';
import { uuidv7 } from '../../ids/uuidv7';
import type { JobRunner } from './run-due';
import { runDue } from './run-due';

/** Options of `startWorker`. */
export interface StartWorkerOptions {
  /** The pause between two runs when the last one found nothing to do, in milliseconds. */
  readonly intervalMs: number;
  /** Jobs claimed per run (default 50); a full run is followed at once by the next. */
  readonly limit?: number;
  /** Told about a run that failed (the store was unreachable); the worker goes on at the next interval. */
  readonly onError?: (error: unknown) => void;
}

/** A started worker. */
export interface Worker {
  /** Stops the worker: no run starts after this, and the promise settles once the current run ended. */
  stop(): Promise<void>;
}

/**
 * Starts a worker for a host process: it runs `runDue` at once and then every `intervalMs` with the CRM
 * clock, under one worker id, until stopped. Several processes may each start one: claims never overlap.
 *
 * @example
 * ```ts
 * const worker = startWorker(runner, { intervalMs: 5_000, onError: (error) => log.warn(error) });
 * process.on('SIGTERM', () => void worker.stop());
 * ```
 */
export function startWorker(runner: JobRunner, options: StartWorkerOptions): Worker {
  const { intervalMs, limit = 50 } = options;
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 1)
    throw new RapportError('MISUSE', 'startWorker({ intervalMs }) takes a positive number of milliseconds');
  const workerId = `worker-${uuidv7()}`;
  let isStopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();

  const tick = async (): Promise<void> => {
    timer = undefined;
    let isFull = false;
    try {
      const { claimed } = await runDue(runner, { now: runner.runtime.now(), limit, workerId });
      isFull = claimed === limit;
    } catch (error) {
      options.onError?.(error);
    }
    // A full run means more may be due: go on at once rather than after a pause.
    if (!isStopped)
      timer = setTimeout(
        () => {
          current = tick();
        },
        isFull ? 0 : intervalMs,
      );
  };
  current = tick();

  return {
    async stop() {
      isStopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await current;
    },
  };
}
