import type { Filter, StorageAdapter } from '@rapport/core';
import { createCrm } from '@rapport/core';
import type { Measurement } from './measure';
import { opsPerSecond } from './measure';
import type { HandWrittenQuery, TableRow } from './segment-workload';
import {
  benchNow,
  customersInTheNorth,
  generateWorkload,
  handWritten,
  northBirthdaySpenders,
  segmentTenant,
  threeConditions,
} from './segment-workload';

/** Sizes of one segmentation run. */
export interface SegmentBenchSizes {
  readonly people: number;
  /** Rows per load transaction. */
  readonly chunk: number;
  /** Runs of each query per pass. */
  readonly repeats: number;
}

/** One engine the segmentation questions run on: Rapport's adapter and the raw driver, on one database. */
export interface SegmentEngine {
  /** The engine as the report names it. */
  readonly engine: string;
  readonly prefix: string;
  /** A Rapport storage adapter on the engine's database (migrated by `createCrm`). */
  storage(): StorageAdapter;
  /** Writes rows into a table of the migrated schema, in one transaction, as a raw import would. */
  load(table: string, rows: readonly TableRow[]): Promise<void>;
  /** Brings the planner's statistics up to date once the data is in. */
  analyze(): Promise<void>;
  /** Runs a hand-written query (`?` placeholders) as the driver's plain query call, and returns its rows. */
  query(query: HandWrittenQuery): Promise<TableRow[]>;
  close(): Promise<void>;
}

/** Time of `repeats` runs of each side, in alternating passes, best of 3 each. */
async function compare(
  repeats: number,
  sdk: () => Promise<unknown>,
  raw: () => Promise<unknown>,
): Promise<{ sdk: number; raw: number }> {
  const sdkRates: number[] = [];
  const rawRates: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    rawRates.push(await opsPerSecond(repeats, raw));
    sdkRates.push(await opsPerSecond(repeats, sdk));
  }
  return { sdk: Math.max(...sdkRates), raw: Math.max(...rawRates) };
}

function sameAnswer(question: string, sdk: unknown, raw: unknown): void {
  if (JSON.stringify(sdk) !== JSON.stringify(raw))
    throw new Error(
      `${question}: the SDK answered ${JSON.stringify(sdk)}, the hand-written SQL ${JSON.stringify(raw)}`,
    );
}

const countOf = (rows: readonly TableRow[]) => Number(rows[0]?.count);

/**
 * Loads the segmentation workload into `target` and measures three questions, each asked through the SDK
 * and as hand-written SQL over the same database and indexes: a saved segment's count (region, birthday
 * within 7 days, over 500.00 spent in 365 days), a count of three conditions, and a filtered page of 50
 * sorted by last name. Both sides must give the same answer before they are timed.
 */
export async function segmentBench(target: SegmentEngine, sizes: SegmentBenchSizes): Promise<Measurement[]> {
  const { engine, prefix } = target;
  const crm = await createCrm({ storage: target.storage(), now: () => benchNow });
  try {
    const { orders } = await generateWorkload(sizes.people, sizes.chunk, (table, rows) =>
      target.load(table, rows),
    );
    await target.analyze();
    const session = crm.as({ tenantId: segmentTenant, actor: { id: 'bench', kind: 'system' } });
    const segment = await session.segments.create({
      name: 'North birthdays, big spenders',
      entity: 'person',
      kind: 'dynamic',
      filter: northBirthdaySpenders,
    });
    const countWhere = (where: Filter<'person'>) => session.people.count({ where });
    const page = () => session.people.list({ where: customersInTheNorth, orderBy: 'lastName', limit: 50 });

    sameAnswer(
      'segment',
      await session.segments.count(segment.id),
      countOf(await target.query(handWritten.segment)),
    );
    sameAnswer('count', await countWhere(threeConditions), countOf(await target.query(handWritten.count)));
    sameAnswer(
      'page',
      (await page()).items.map((person) => person.id),
      (await target.query(handWritten.page)).map((row) => row.id),
    );

    const data = `${sizes.people.toLocaleString('en-US')} people, ${orders.toLocaleString('en-US')} orders`;
    const passes = `${sizes.repeats} runs, best of 3 alternating passes`;
    const segmentRates = await compare(
      sizes.repeats,
      () => session.segments.count(segment.id),
      () => target.query(handWritten.segment),
    );
    const countRates = await compare(
      sizes.repeats,
      () => countWhere(threeConditions),
      () => target.query(handWritten.count),
    );
    const pageRates = await compare(sizes.repeats, page, () => target.query(handWritten.page));
    // Compiled ≤ 1.15 × the hand-written time is a throughput ratio of at least 1 / 1.15.
    const target115 = Number((1 / 1.15).toFixed(2));
    return [
      {
        engine,
        name: `${prefix}.segment.count`,
        description: `segments.count of a saved segment (region, birthday within 7 days, over 500.00 in 365 days) vs hand-written SQL, ${data}, ${passes}`,
        ...segmentRates,
        target: target115,
      },
      {
        engine,
        name: `${prefix}.filter.count.3`,
        description: `people.count of 3 conditions vs hand-written SQL, ${data}, ${passes}`,
        ...countRates,
        target: target115,
      },
      {
        engine,
        name: `${prefix}.filter.page.50`,
        description: `people.list of a filtered page of 50 sorted by last name vs hand-written SQL, ${data}, ${passes}`,
        ...pageRates,
        target: target115,
      },
    ];
  } finally {
    await crm.close();
    await target.close();
  }
}
