import { entityDef } from '../entities/registry';
import { todayIn } from '../filter/local-calendar';
import { resolveFilter } from '../filter/resolve-filter';
import { rowMapping } from '../records/row-mapping';
import { explainFilter } from '../segments/explain-filter';
import { prefetchRelated } from '../segments/related-prefetch';
import { relatedRowsFrom } from '../segments/related-source';
import { relationTree } from '../segments/relation-tree';
import { loadSettings } from '../settings/settings-rows';
import type { StorageReader } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import { evaluateCondition } from '../storage/evaluate-condition';
import type { RelatedRows } from '../storage/related-rows';
import type { Row } from '../storage/schema';
import type { FitContext } from './fit-context';
import { loadFitContext } from './fit-context';
import type { FitResult, LeadScore } from './lead-score';
import { assembleScore, engagementOf } from './lead-score';
import type { LeadScoringConfig } from './scoring-config';
import { loadScoringConfig } from './scoring-table';

const idBatch = 500;
const dayMs = 86_400_000;

/** Everything one scoring run shares: the configuration, the resolved fit filters, the tenant's today. */
export interface ScoringRun {
  readonly reader: StorageReader;
  readonly tenantId: string;
  readonly config: LeadScoringConfig;
  readonly fit: FitContext;
  readonly conditions: readonly Condition[];
  readonly now: Date;
  readonly timeZone: string;
  /** Today in the tenant's time zone. */
  readonly today: string;
}

/**
 * Loads a tenant's scoring configuration and resolves its fit filters once, for scoring any number of
 * leads at `now`.
 *
 * @example
 * ```ts
 * const run = await startScoring(storage, tenantId, crmNow());
 * const scores = await scoreRows(run, rows, false);
 * ```
 */
export async function startScoring(reader: StorageReader, tenantId: string, now: Date): Promise<ScoringRun> {
  const config = await loadScoringConfig(reader, tenantId);
  const settings = await loadSettings(reader, tenantId);
  const fit = await loadFitContext(
    reader,
    tenantId,
    now,
    config.fit.map((rule) => rule.filter),
  );
  // Filters were checked when configured; a custom field archived since then makes its rule refuse here.
  const conditions = config.fit.map((rule) => resolveFilter(rule.filter, fit.context));
  return {
    reader,
    tenantId,
    config,
    fit,
    conditions,
    now,
    timeZone: settings.timeZone,
    today: todayIn(now, settings.timeZone),
  };
}

/** The unarchived activities of people in `personIds` from the oldest day that can count up to now. */
async function recentActivities(run: ScoringRun, personIds: readonly string[]): Promise<Row[]> {
  if (run.config.engagement.length === 0 || personIds.length === 0) return [];
  // A day's margin: which instants fall on the oldest counting day depends on the time zone.
  const since = new Date(run.now.getTime() - (run.config.maxAgeDays + 2) * dayMs).toISOString();
  const occurredAt = {
    operand: { kind: 'column' as const, column: 'occurred_at' },
    type: 'timestamp' as const,
  };
  const rows: Row[] = [];
  for (let start = 0; start < personIds.length; start += idBatch) {
    const batch = personIds.slice(start, start + idBatch);
    rows.push(
      ...(await run.reader.findMany({
        table: 'activities',
        tenantId: run.tenantId,
        where: {
          kind: 'and',
          conditions: [
            {
              kind: 'has',
              field: { operand: { kind: 'column', column: 'person_ids' }, type: 'textList' },
              values: batch,
              mode: 'any',
            },
            { kind: 'compare', field: occurredAt, op: 'gte', value: since, caseInsensitive: false },
            {
              kind: 'compare',
              field: occurredAt,
              op: 'lte',
              value: run.now.toISOString(),
              caseInsensitive: false,
            },
            {
              kind: 'null',
              field: { operand: { kind: 'column', column: 'archived_at' }, type: 'timestamp' },
              negate: false,
            },
          ],
        },
      })),
    );
  }
  return rows;
}

/** Activities by the people they name (an activity naming two leads counts for both). */
function byPerson(activities: readonly Row[]): Map<string, Row[]> {
  const grouped = new Map<string, Row[]>();
  for (const activity of activities) {
    for (const personId of activity.person_ids as string[]) {
      const list = grouped.get(personId) ?? [];
      list.push(activity);
      grouped.set(personId, list);
    }
  }
  return grouped;
}

function fitResults(
  run: ScoringRun,
  row: Row,
  relatedRows: RelatedRows,
  withExplanations: boolean,
): FitResult[] {
  return run.config.fit.map((rule, index) => {
    const matched = evaluateCondition(run.conditions[index] as Condition, row, relatedRows);
    const explanation = withExplanations
      ? explainFilter(rule.filter, { ...run.fit, row, relatedRows })
      : undefined;
    return {
      key: rule.key,
      label: rule.label,
      matched,
      rulePoints: rule.points,
      points: matched ? rule.points : 0,
      ...(explanation === undefined ? {} : { explanation }),
    };
  });
}

/**
 * Scores people given as stored rows: the fit filters evaluated in memory over the related rows they
 * read (fetched once for all of them), the engagement from their recent activities. With explanations,
 * each fit rule carries the explanation tree of its filter, as `filters.explain` gives it.
 *
 * @example
 * ```ts
 * const [score] = await scoreRows(run, [row], true);
 * ```
 */
export async function scoreRows(
  run: ScoringRun,
  rows: readonly Row[],
  withExplanations: boolean,
): Promise<LeadScore[]> {
  const related = await prefetchRelated({
    reader: run.reader,
    tenantId: run.tenantId,
    tree: relationTree(run.conditions),
    outerRows: rows,
  });
  const relatedRows = relatedRowsFrom(related);
  const activities = byPerson(
    await recentActivities(
      run,
      rows.map((row) => row.id as string),
    ),
  );
  const dayOf = (activity: Row) => todayIn(new Date(activity.occurred_at as string), run.timeZone);
  const at = run.now.toISOString();
  return rows.map((row) =>
    assembleScore({
      personId: row.id as string,
      at,
      configVersion: run.config.version,
      fit: fitResults(run, row, relatedRows, withExplanations),
      engagement: engagementOf(activities.get(row.id as string) ?? [], run.config, run.today, dayOf),
    }),
  );
}

/** The stored row of a person record, as conditions read it. */
export function personRow(tenantId: string, person: object): Row {
  return rowMapping(entityDef('person')).toRow(tenantId, person as Record<string, unknown>);
}
