import type { EntityName } from '../entities/entity-name';
import { isRapportError } from '../errors/rapport-error';
import type { FilterNeeds } from '../filter/filter-needs';
import { filterNeeds } from '../filter/filter-needs';
import { todayIn } from '../filter/local-calendar';
import { allOf, archivedIs } from '../records/conditions';
import type { CrmRuntime } from '../records/runtime';
import type { StorageReader } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { CompiledSegment } from './membership-changes';
import { outerColumns } from './outer-columns';
import { relationTree, tablesOf } from './relation-tree';
import type { Segment } from './segment';
import type { TenantFilterData } from './segment-context';
import { loadFilterDataFor, tenantFilterContext } from './segment-context';
import { loadSegmentsNamedBy, segmentReferences } from './segment-references';
import { segmentRevision } from './segment-revision';
import { loadSegments } from './segment-rows';

/** What one version of a segment's filter names and needs: walked once per version, not per write. */
interface Analysis {
  readonly version: number;
  readonly references: readonly string[];
  readonly needs: FilterNeeds;
}

interface CacheEntry {
  readonly key: string;
  readonly compiled: CompiledSegment;
}

/** What a segment's condition depends on within one revision: the segments it reaches, what it needs. */
interface Plan {
  /** Its version and the versions of the segments its filter reaches. */
  readonly key: string;
  readonly needs: FilterNeeds;
}

/** A tenant's active segments as of one revision (see `segmentRevision`), and what was compiled from them. */
interface TenantSegments {
  readonly revision: number;
  readonly active: readonly Segment[];
  readonly graph: SegmentGraph;
  readonly plans: ReadonlyMap<Segment, Plan>;
  /** Compiled lists by entities and the day and definitions they were resolved with. */
  readonly lists: Map<string, CompiledSegment[]>;
}

/** Per CRM: two CRMs over different stores never share entries. Bounded, oldest entries dropped first. */
interface Caches {
  readonly analyses: Map<string, Analysis>;
  readonly compiled: Map<string, CacheEntry>;
  readonly tenants: Map<string, TenantSegments>;
}

const caches = new WeakMap<CrmRuntime, Caches>();
const maxEntries = 10_000;

function cachesOf(runtime: CrmRuntime): Caches {
  let found = caches.get(runtime);
  if (found === undefined) {
    found = { analyses: new Map(), compiled: new Map(), tenants: new Map() };
    caches.set(runtime, found);
  }
  return found;
}

function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
}

/** The segments of one load, and what each filter names and needs. */
class SegmentGraph {
  readonly #tenantId: string;
  readonly #analyses: Map<string, Analysis>;
  readonly segments: Map<string, Segment>;

  constructor(tenantId: string, analyses: Map<string, Analysis>, segments: Map<string, Segment>) {
    this.#tenantId = tenantId;
    this.#analyses = analyses;
    this.segments = segments;
  }

  analysisOf(segment: Segment): Analysis {
    const id = `${this.#tenantId}\u0000${segment.id}`;
    const known = this.#analyses.get(id);
    if (known?.version === segment.version) return known;
    const analysis: Analysis = {
      version: segment.version,
      references: [...new Set(segmentReferences(segment.filter).map((reference) => reference.id))],
      needs: filterNeeds(segment.filter),
    };
    remember(this.#analyses, id, analysis);
    return analysis;
  }

  /** The ids a segment's filter reaches through other segments (itself excluded unless in a cycle). */
  reached(segment: Segment): string[] {
    const reached = new Set<string>();
    const pending = [...this.analysisOf(segment).references];
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (reached.has(id)) continue;
      reached.add(id);
      const next = this.segments.get(id);
      if (next !== undefined) pending.push(...this.analysisOf(next).references);
    }
    return [...reached].sort();
  }

  needsOf(segment: Segment, reached: readonly string[]): FilterNeeds {
    const all = [segment, ...reached.flatMap((id) => this.segments.get(id) ?? [])].map(
      (item) => this.analysisOf(item).needs,
    );
    return {
      customFields: all.some((needs) => needs.customFields),
      settings: all.some((needs) => needs.settings),
    };
  }
}

/** What a segment's compiled condition depends on, besides its own version. */
interface Dependencies {
  readonly graph: SegmentGraph;
  readonly data: TenantFilterData;
  readonly now: Date;
}

function planOf(segment: Segment, graph: SegmentGraph): Plan {
  const reached = graph.reached(segment);
  const versions = reached.map((id) => `${id}:${graph.segments.get(id)?.version ?? '-'}`);
  return { key: [segment.version, ...versions].join('|'), needs: graph.needsOf(segment, reached) };
}

/**
 * What compiled conditions depend on besides the segments: the tenant's custom field definitions (for
 * filters that name a custom field) and today's date in the tenant's calendar (for relative times, which
 * resolve to fixed dates that move at midnight).
 */
function contextKeys(data: TenantFilterData, now: Date): { definitions: string; day: string } {
  const definitions = Object.values(data.definitions)
    .flat()
    .map((definition) => `${definition?.id}:${definition?.version}`)
    .join(',');
  const { settings } = data;
  const day =
    settings === undefined
      ? ''
      : `${settings.timeZone}|${settings.fiscalYearStartMonth}|${todayIn(now, settings.timeZone)}`;
  return { definitions, day };
}

/** The cache key of a segment's condition: its plan, and the context keys its filters need. */
function cacheKey(plan: Plan, keys: { definitions: string; day: string }): string {
  return `${plan.key}#${plan.needs.customFields ? keys.definitions : ''}#${plan.needs.settings ? keys.day : ''}`;
}

function compile(segment: Segment, dependencies: Dependencies): CompiledSegment | undefined {
  const { graph, data, now } = dependencies;
  const context = tenantFilterContext(segment.entity, now, data, graph.segments);
  let membership: Condition | undefined;
  try {
    membership = context.segment?.(segment.id, segment.entity);
  } catch (error) {
    // A segment whose filter no longer resolves (it names an archived custom field) must not block writes:
    // it emits no events until its filter is fixed, and lists that use it say why.
    if (isRapportError(error, 'INVALID_FILTER')) return undefined;
    throw error;
  }
  if (membership === undefined) return undefined;
  const condition = allOf(archivedIs(false), membership) as Condition;
  return {
    segment,
    condition,
    tables: tablesOf(relationTree([condition])),
    columns: outerColumns(condition),
  };
}

/** The active segments, and the segments their filters name that are not among them (archived ones). */
async function loadGraph(
  runtime: CrmRuntime,
  reader: StorageReader,
  tenantId: string,
  active: readonly Segment[],
): Promise<SegmentGraph> {
  const known = new Map(active.map((segment) => [segment.id, segment]));
  const graph = new SegmentGraph(tenantId, cachesOf(runtime).analyses, known);
  const missing = active
    .flatMap((segment) => graph.analysisOf(segment).references)
    .filter((id) => !known.has(id));
  if (missing.length === 0) return graph;
  const filters = [...new Set(missing)].map((id) => ({ segment: id }));
  return new SegmentGraph(
    tenantId,
    cachesOf(runtime).analyses,
    await loadSegmentsNamedBy(reader, tenantId, filters, known),
  );
}

/** The tenant's active segments: read again only when the tenant's segment revision moved. */
async function tenantSegments(
  runtime: CrmRuntime,
  reader: StorageReader,
  tenantId: string,
  revision: number,
): Promise<TenantSegments> {
  const { tenants } = cachesOf(runtime);
  const known = tenants.get(tenantId);
  if (known?.revision === revision) return known;
  const active = await loadSegments(reader, tenantId, archivedIs(false));
  const graph = await loadGraph(runtime, reader, tenantId, active);
  const plans = new Map(active.map((segment) => [segment, planOf(segment, graph)]));
  const loaded: TenantSegments = { revision, active, graph, plans, lists: new Map() };
  remember(tenants, tenantId, loaded);
  return loaded;
}

function compileAll(
  runtime: CrmRuntime,
  tenantId: string,
  tenant: TenantSegments,
  active: readonly Segment[],
  dependencies: Dependencies,
): CompiledSegment[] {
  const keys = contextKeys(dependencies.data, dependencies.now);
  const cache = cachesOf(runtime).compiled;
  const compiled: CompiledSegment[] = [];
  for (const segment of active) {
    const id = `${tenantId}\u0000${segment.id}`;
    const key = cacheKey(tenant.plans.get(segment) as Plan, keys);
    let entry = cache.get(id);
    if (entry?.key !== key) {
      const made = compile(segment, dependencies);
      if (made === undefined) continue;
      entry = { key, compiled: made };
      remember(cache, id, entry);
    }
    compiled.push(entry.compiled);
  }
  return compiled;
}

/**
 * The tenant's active (not archived) segments of `entities`, compiled for in-memory evaluation. A write
 * reads one row (the tenant's segment revision) to know whether the segments it read before are current,
 * and the definitions and settings only when a filter needs them. Each segment's condition is resolved
 * and compiled once and cached by segment id, its version, the versions of the segments it names and,
 * when its filters need them, the definitions' versions and today's date; the list for a set of entities
 * is kept as long as none of these moves. A tenant without segments costs the one read.
 *
 * @example
 * ```ts
 * const segments = await loadCompiledSegments(runtime, tx, tenantId, ['person']);
 * ```
 */
export async function loadCompiledSegments(
  runtime: CrmRuntime,
  reader: StorageReader,
  tenantId: string,
  entities: readonly EntityName[],
): Promise<readonly CompiledSegment[]> {
  const revision = await segmentRevision(reader, tenantId);
  if (revision === 0) return [];
  const tenant = await tenantSegments(runtime, reader, tenantId, revision);
  const active = tenant.active.filter((segment) => entities.includes(segment.entity));
  if (active.length === 0) return [];
  const plans = active.map((segment) => tenant.plans.get(segment) as Plan);
  const data = await loadFilterDataFor(reader, tenantId, {
    customFields: plans.some((plan) => plan.needs.customFields),
    settings: plans.some((plan) => plan.needs.settings),
  });
  const now = runtime.now();
  const keys = contextKeys(data, now);
  const listKey = `${[...entities].sort().join(',')}#${keys.definitions}#${keys.day}`;
  const known = tenant.lists.get(listKey);
  if (known !== undefined) return known;
  const compiled = compileAll(runtime, tenantId, tenant, active, { graph: tenant.graph, data, now });
  // A handful of entity sets per tenant; a new day or definition starts the lists over.
  if (tenant.lists.size > 32) tenant.lists.clear();
  tenant.lists.set(listKey, compiled);
  return compiled;
}
