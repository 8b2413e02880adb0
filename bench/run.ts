/**
 * `pnpm bench`: Rapport against the raw driver, measured in the same run, printed one line per measurement
 * as `bench: <name> sdk=<ops/s> raw=<ops/s> ratio=<sdk/raw>`. `--quick` runs small sizes and prints only;
 * the full run also writes docs/benchmarks.md.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Measurement } from './measure';
import { formatLine } from './measure';
import { sqliteBench } from './sqlite-bench';

const quick = process.argv.includes('--quick');
const sizes = quick
  ? { people: 20_000, batch: 5_000, reads: 20_000 }
  : { people: 1_000_000, batch: 10_000, reads: 200_000 };

function report(measurements: readonly Measurement[]): string {
  const rows = measurements.map((m) => {
    const ratio = m.sdk / m.raw;
    return `| \`${m.name}\` | ${m.description} | ${Math.round(m.sdk).toLocaleString('en-US')} | ${Math.round(m.raw).toLocaleString('en-US')} | ${ratio.toFixed(2)} | ≥ ${m.target} | ${ratio >= m.target ? 'met' : 'not met'} |`;
  });
  return [
    '# Benchmarks',
    '',
    'Rapport measured against the raw driver doing the same work, in the same run, on the same machine. The',
    'ratio is SDK throughput over raw throughput: 1.00 would mean the SDK costs nothing.',
    '',
    `Command: \`pnpm bench\` (full sizes). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| measurement | what | SDK ops/s | raw ops/s | ratio | target | |',
    '|---|---|---:|---:|---:|---:|---|',
    ...rows,
    '',
    'What the SDK does that the raw side does not: validation with zod, normalisation (emails, E.164',
    'phones), access checks, and for writes an audit entry and an outbox event per record in the same',
    'transaction. The raw side makes ids and encodes JSON columns as a hand-written import would.',
    '',
  ].join('\n');
}

const measurements = await sqliteBench(sizes);
for (const measurement of measurements) console.log(formatLine(measurement));
if (!quick) {
  writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), report(measurements));
  console.log('bench: wrote docs/benchmarks.md');
}
