/** Runs `operation` `count` times (awaiting each) and returns operations per second. */
export async function opsPerSecond(count: number, operation: (index: number) => unknown): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < count; index++) await operation(index);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

/**
 * Runs `operation` for the indexes 0 to `count - 1` on `workers` concurrent loops, each awaiting its own
 * calls, and returns operations per second of wall time.
 */
export async function concurrentOpsPerSecond(
  count: number,
  workers: number,
  operation: (index: number) => unknown,
): Promise<number> {
  let next = 0;
  const loop = async () => {
    for (let index = next++; index < count; index = next++) await operation(index);
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: workers }, loop));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

/** Seconds spent in `work`, added up over calls: for two sides measured in alternation. */
export function createStopwatch(): { time<T>(work: () => Promise<T>): Promise<T>; readonly seconds: number } {
  let total = 0n;
  return {
    async time(work) {
      const started = process.hrtime.bigint();
      try {
        return await work();
      } finally {
        total += process.hrtime.bigint() - started;
      }
    },
    get seconds() {
      return Number(total) / 1e9;
    },
  };
}

/** One measurement: the SDK against the raw driver doing the same work in the same run. */
export interface Measurement {
  /** The engine measured, as the report names it (`SQLite`, `Postgres 15 server`, `PGlite`). */
  readonly engine: string;
  readonly name: string;
  readonly description: string;
  readonly sdk: number;
  readonly raw: number;
  /** The lowest ratio the issue asks for; none for a row that is reported only, to follow a cost. */
  readonly target?: number;
}

/** Operations per second as printed: whole numbers, but three significant digits for slow operations. */
export function formatRate(rate: number): string {
  return rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toPrecision(3);
}

/** The line `pnpm bench` prints for a measurement. */
export function formatLine(measurement: Measurement): string {
  const ratio = measurement.sdk / measurement.raw;
  const rate = (value: number) => formatRate(value).replaceAll(',', '');
  return `bench: ${measurement.name} sdk=${rate(measurement.sdk)} raw=${rate(measurement.raw)} ratio=${ratio.toFixed(2)}`;
}
