/**
 * Runs tasks one at a time, in arrival order. One connection (SQLite, PGlite) holds one transaction, so every
 * transaction, and every read that arrives while one is open, takes its turn here.
 *
 * @example
 * ```ts
 * const queue = createSerialQueue();
 * const result = queue.isIdle() ? read() : await queue.run(read);
 * ```
 */
export interface SerialQueue {
  /** True when no task is running or waiting: a synchronous task may then run at once, outside the queue. */
  isIdle(): boolean;
  /** Runs `task` after every task queued before it has settled; settles as `task` does. */
  run<T>(task: () => T | Promise<T>): Promise<T>;
}

/** Creates an empty {@link SerialQueue}. */
export function createSerialQueue(): SerialQueue {
  let isBusy = false;
  const waiting: (() => void)[] = [];

  // Hands the turn to the next waiter without ever marking the queue idle in between.
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) isBusy = false;
    else next();
  };

  return {
    isIdle: () => !isBusy,
    async run<T>(task: () => T | Promise<T>): Promise<T> {
      if (isBusy) await new Promise<void>((resolve) => waiting.push(resolve));
      else isBusy = true;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
