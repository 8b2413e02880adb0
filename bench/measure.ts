/** Runs `operation` `count` times (awaiting each) and returns operations per second. */
export async function opsPerSecond(count: number, operation: (index: number) => unknown): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < count; index++) await operation(index);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

/**
 * How point reads are measured on every engine: each side goes over its random ids this many times, in
 * turns of `slice` reads (see {@link alternatingOpsPerSecond}).
 */
export const pointReads = { rounds: 3, slice: 1_000 } as const;

/** The two sides of a comparison, each doing operation `index` of the same work. */
export interface Sides {
  readonly raw: (index: number) => unknown;
  readonly sdk: (index: number) => unknown;
}

/**
 * Operations per second of both sides over the same `count` operations, measured in alternation: slices
 * of `slice` operations, one side's then the other's, each on `workers` concurrent loops awaiting their own
 * calls, with the side that goes first changing every slice. A slow spell of the machine (another
 * process, a checkpoint, a neighbour on the host) then falls on both sides alike, where passes of one
 * side at a time would give it to whichever side ran then. Each rate is `count` over that side's summed
 * time.
 */
export async function alternatingOpsPerSecond(
  count: number,
  { slice, workers }: { readonly slice: number; readonly workers: number },
  sides: Sides,
): Promise<{ sdk: number; raw: number }> {
  let rawTime = 0n;
  let sdkTime = 0n;
  for (let start = 0, turn = 0; start < count; start += slice, turn++) {
    const end = Math.min(start + slice, count);
    const timeOf = (operation: (index: number) => unknown) => timeSlice(start, end, workers, operation);
    if (turn % 2 === 0) {
      rawTime += await timeOf(sides.raw);
      sdkTime += await timeOf(sides.sdk);
    } else {
      sdkTime += await timeOf(sides.sdk);
      rawTime += await timeOf(sides.raw);
    }
  }
  const perSecond = (time: bigint) => count / (Number(time) / 1e9);
  return { sdk: perSecond(sdkTime), raw: perSecond(rawTime) };
}

/** Nanoseconds to run `operation` for the indexes `start` to `end - 1` on `workers` concurrent loops. */
async function timeSlice(
  start: number,
  end: number,
  workers: number,
  operation: (index: number) => unknown,
): Promise<bigint> {
  let next = start;
  const loop = async () => {
    for (let index = next++; index < end; index = next++) await operation(index);
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: workers }, loop));
  return process.hrtime.bigint() - started;
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
