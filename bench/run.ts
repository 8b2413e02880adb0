/**
 * `pnpm bench`: Rapport against the raw driver, measured in the same run, printed one line per measurement
 * as `bench: <name> sdk=<ops/s> raw=<ops/s> ratio=<sdk/raw>`. `--quick` runs small sizes and prints only;
 * the full run also writes docs/benchmarks.md. SQLite always runs; Postgres runs on the server at
 * `RAPPORT_PG_URL` when it is set (in a fresh schema, dropped afterwards), else on an in-memory PGlite.
 * `--only sqlite|postgres|segments|reevaluation|automation` runs one group and prints it. It runs against
 * the built packages, as an application imports them: `bench/tsconfig.json` maps no `@rapport/*` path to
 * the sources, which tsx would compile on the fly in its own way.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { automationBench } from './automation-bench';
import type { Measurement } from './measure';
import { formatLine, formatRate } from './measure';
import { postgresBench } from './postgres-bench';
import { reevaluationBench } from './reevaluation-bench';
import { segmentBench } from './segment-bench';
import { pgliteSegmentEngine, serverSegmentEngine, sqliteSegmentEngine } from './segment-engines';
import { sqliteBench } from './sqlite-bench';

const quick = process.argv.includes('--quick');
const sizes = quick
  ? { people: 20_000, batch: 5_000, reads: 20_000 }
  : { people: 1_000_000, batch: 10_000, reads: 200_000 };
// Postgres imports: a million people on a server, as on SQLite. PGlite holds its database in WebAssembly
// memory and writes at a fraction of a server's speed, so without a server the full run is smaller.
const postgresUrl = process.env.RAPPORT_PG_URL;
const postgresSizes = quick
  ? { people: 2_000, batch: 500, reads: 2_000 }
  : { people: postgresUrl ? 1_000_000 : 200_000, batch: 10_000, reads: 20_000 };
// Segmentation: people with about three orders each. PGlite holds its database in WebAssembly memory,
// so without a server the full run is smaller.
const segmentSizes = quick
  ? { people: 5_000, chunk: 5_000, repeats: 10 }
  : { people: 1_000_000, chunk: 20_000, repeats: 5 };
const pgliteSegmentSizes = quick ? segmentSizes : { ...segmentSizes, people: 200_000 };
// Automation: 50 rules over person facts in memory. json-rules-engine runs every fact for the checksum but
// is timed over a quarter of them: at its speed a second full pass would take minutes.
const automationFacts = quick ? 10_000 : 100_000;
const automationSizes = { rules: 50, facts: automationFacts, jsonRulesFacts: automationFacts / 4, passes: 3 };
// Printed with the results: other work on the machine slows both sides, but not always alike.
const loadAtStart = loadavg()[0] ?? 0;

function report(measurements: readonly Measurement[]): string {
  const rows = measurements.map((m) => {
    const ratio = m.sdk / m.raw;
    const target =
      m.target === undefined ? '— | reported' : `≥ ${m.target} | ${ratio >= m.target ? 'met' : 'not met'}`;
    return `| ${m.engine} | \`${m.name}\` | ${m.description} | ${formatRate(m.sdk)} | ${formatRate(m.raw)} | ${ratio.toFixed(2)} | ${target} |`;
  });
  return [
    '# Benchmarks',
    '',
    'Rapport measured against the raw driver doing the same work, in the same run, on the same machine. The',
    'ratio is SDK throughput over raw throughput: 1.00 would mean the SDK costs nothing. The SDK is the',
    'built packages, as an application imports them.',
    '',
    `Command: \`pnpm bench\` (full sizes). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`,
    `Load average (1 minute): ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end.`,
    '',
    '| engine | measurement | what | SDK ops/s | raw ops/s | ratio | target | |',
    '|---|---|---|---:|---:|---:|---:|---|',
    ...rows,
    '',
    'What the SDK does that the raw side does not: validation with zod, normalisation (emails, E.164',
    'phones), access checks and reference checks, and an audit entry per record written in the same',
    'transaction. The import rows use `importMany`, the bulk path: rows loaded by COPY on Postgres (as the',
    'raw side does), encoded as they are sent while later loads validate, and one outbox event per import;',
    'duplicate match keys are left to `duplicates.reindex()` (see [Postgres](postgres.md#bulk-import)). The',
    '`createMany` rows are the per-record write path, reported without a target: an outbox event per',
    "record, and the duplicate checks of people (each person's match keys looked up and stored; the",
    'generated people share 120 names, so every name key is crowded). The raw side makes ids and encodes',
    'JSON columns as a hand-written import would, and writes only the people rows. The pool rows run four',
    'batches or four reads at once. The point reads take turns of 1,000 reads, the side that goes first',
    'changing every turn, so that a slow spell of the machine falls on both sides alike.',
    '',
    'The segmentation rows ask three questions of people with about three orders each, loaded raw: a saved',
    "segment's count (in the North, a birthday within 7 days, over 500.00 spent in the last 365 days), a",
    'count of three conditions, and a page of 50 sorted by last name. The raw side is hand-written SQL for',
    'the same question on the same database and indexes, and both must give the same answer before they',
    "are timed. The SDK also resolves the filter in the tenant's calendar, checks access and decodes the",
    'rows. Target: the compiled query takes at most 1.15 times the hand-written time (a ratio of 0.87).',
    'The memory row checks one changed person against 1,000 saved segments, before and after the change,',
    'as every write does to emit segment events; its "raw" is the 1 ms budget, so a ratio of 1 is 1 ms.',
    '',
    'The automation rows run 50 seeded rules of 3 to 5 conditions (region, lifecycle stage, custom numbers,',
    'lead score, tags, dates, a change operator, an `any` group) over person facts after an update, in',
    "memory, in facts per second: Rapport's rules compiled once by `compileRule` against json-rules-engine",
    '(one engine holding every rule, flat facts as it runs fastest, timed over the first quarter of the',
    'facts) and against the functions a developer would write by hand for the same rules. All three must',
    'fire the same rules for the same facts, over every fact, before they are timed. Targets: at least 100',
    'times json-rules-engine, at least half the speed of the hand-written functions. See',
    '[automation](automation.md#speed).',
    '',
  ].join('\n');
}

const measurements: Measurement[] = [];
const record = (taken: readonly Measurement[]) => {
  for (const measurement of taken) console.log(formatLine(measurement));
  measurements.push(...taken);
};
// `--only <group>` runs one group of measurements and prints them, without writing the report.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : process.argv[onlyAt + 1];
const groups: Readonly<Record<string, () => Promise<Measurement[]>>> = {
  sqlite: () => sqliteBench(sizes),
  postgres: () => postgresBench(postgresSizes, postgresUrl),
  segments: async () => [
    ...(await segmentBench(sqliteSegmentEngine(), segmentSizes)),
    ...(postgresUrl
      ? await segmentBench(await serverSegmentEngine(postgresUrl), segmentSizes)
      : await segmentBench(await pgliteSegmentEngine(), pgliteSegmentSizes)),
  ],
  reevaluation: async () => [await reevaluationBench(1_000, quick ? 200 : 2_000)],
  automation: () => automationBench(automationSizes),
};
if (only !== undefined && !Object.hasOwn(groups, only)) {
  console.error(`bench: --only takes one of ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}
for (const [name, run] of Object.entries(groups))
  if (only === undefined || only === name) record(await run());
if (!quick && only === undefined) {
  writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), report(measurements));
  console.log('bench: wrote docs/benchmarks.md');
}
