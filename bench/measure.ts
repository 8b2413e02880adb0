/** Runs `operation` `count` times (awaiting each) and returns operations per second. */
export async function opsPerSecond(count: number, operation: (index: number) => unknown): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < count; index++) await operation(index);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

/** One measurement: the SDK against the raw driver doing the same work in the same run. */
export interface Measurement {
  readonly name: string;
  readonly description: string;
  readonly sdk: number;
  readonly raw: number;
  readonly target: number;
}

/** The line `pnpm bench` prints for a measurement. */
export function formatLine(measurement: Measurement): string {
  const ratio = measurement.sdk / measurement.raw;
  return `bench: ${measurement.name} sdk=${Math.round(measurement.sdk)} raw=${Math.round(measurement.raw)} ratio=${ratio.toFixed(2)}`;
}
