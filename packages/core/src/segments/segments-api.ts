import type { EntityName } from '../entities/entity-name';
import { entityDef } from '../entities/registry';
import type { EntityTypes } from '../entities/types';
import { isRapportError, RapportError, validationError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';
import type { SegmentMembershipEvent } from '../events/crm-events';
import type { AcceptsFilter, Filter } from '../filter/filter-types';
import { resolveFilter } from '../filter/resolve-filter';
import { uuidv7 } from '../ids/uuidv7';
import { allOf, archivedIs, columnEquals } from '../records/conditions';
import type { CrmContext } from '../records/context';
import type { ListOptions, Page } from '../records/list-options';
import { countRecords, listRecords } from '../records/read-records';
import type { CrmRuntime } from '../records/runtime';
import type { WriteScope } from '../records/write-scope';
import type { StorageWriter } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import { evaluateCondition } from '../storage/evaluate-condition';
import { checkSegmentFilter } from './check-segment-filter';
import type { Explanation } from './explanation';
import { explainForCaller } from './filters-api';
import type { MembershipChange } from './membership-changes';
import { publishMembershipEvents, writeMembershipEvents } from './membership-events';
import type { RecordOrId } from './record-subject';
import { loadCallerFilterSetup, recordRow, relatedRowsOf } from './record-subject';
import type { Segment, SegmentKind } from './segment';
import type { SegmentChanges, SegmentInput } from './segment-input';
import { segmentChangesSchema, segmentInputSchema } from './segment-input';
import { journalSegment } from './segment-journal';
import { bumpSegmentRevision, withRevisionRetry } from './segment-revision';
import { loadSegment, loadSegments, segmentsTableName, segmentToRow } from './segment-rows';
import { listSnapshotMembers } from './snapshot-members';
import type { StaticMembersScope } from './static-members';
import { addStaticMembers, checkRecordIds, removeStaticMembers } from './static-members';

/** What `segments.list` takes. */
export interface SegmentQuery {
  readonly entity?: EntityName;
  readonly kind?: SegmentKind;
  /** Also list archived segments. */
  readonly includeArchived?: boolean;
}

/** What `segments.members` takes: a list's options, without `where` (the segment is the filter). */
export type MembersOptions = Omit<ListOptions, 'where' | 'archived'>;

/** A record of any entity, as `members` returns them. */
export type AnyRecord = EntityTypes[EntityName]['record'];

// A concurrent add of the same record makes the second insert a DUPLICATE: the call reads again and skips it.
const addAttempts = 3;

function duplicateName(error: unknown): never {
  if (!isRapportError(error, 'DUPLICATE')) throw error;
  throw new RapportError('DUPLICATE', 'A segment of this entity already has this name', {
    issues: [
      { code: 'duplicate', path: ['name'], message: 'This name is taken (perhaps by an archived segment)' },
    ],
    details: { entity: 'segment', fields: ['name'] },
  });
}

function requireKind(segment: Segment, kind: SegmentKind, call: string): void {
  if (segment.kind !== kind) {
    throw new RapportError(
      'MISUSE',
      `${call} applies to ${kind} segments; "${segment.name}" is ${segment.kind}` +
        (segment.kind === 'dynamic' ? ': change its filter instead' : ''),
    );
  }
}

function requireActive(segment: Segment): void {
  if (segment.archivedAt !== null) {
    throw validationError([
      { code: 'archived', path: [], message: `Segment "${segment.name}" is archived: restore it first` },
    ]);
  }
}

/**
 * Saved segments, as HubSpot has them: dynamic (a filter, always live), static (a list you add records to
 * and remove from), snapshot (the members of a filter frozen when made, refreshable). A segment belongs to
 * the tenant and holds records of one entity; any filter of that entity can name it as `{ segment: id }`.
 * Records that enter or leave a segment emit `segment.entered` / `segment.left` (see `docs/segments.md`).
 *
 * @example
 * ```ts
 * const crm = await createCrm({ storage });
 * const s = crm.as({ tenantId: 'acme', actor: { id: 'u1' } });
 * const north = await s.segments.create({
 *   name: 'North', entity: 'person', kind: 'dynamic',
 *   filter: { field: 'company.region', op: 'eq', value: 'North' },
 * });
 * await s.segments.count(north.id);
 * const page = await s.segments.members(north.id, { orderBy: 'lastName', limit: 50 });
 * await s.people.list({ where: { all: [{ segment: north.id }, { field: 'title', op: 'eq', value: 'CTO' }] } });
 * ```
 */
export class SegmentsApi {
  readonly #runtime: CrmRuntime;
  readonly #context: CrmContext;

  constructor(runtime: CrmRuntime, context: CrmContext) {
    this.#runtime = runtime;
    this.#context = context;
  }

  /**
   * Saves a segment. Its filter (required for dynamic and snapshot segments, absent for static ones) is
   * checked in full: INVALID_FILTER with the path of the offending node under `filter` (a segment that
   * names itself, directly or through others, included). A snapshot segment lists the records that match
   * now, in the same transaction. Names are unique per entity (DUPLICATE at `name`).
   *
   * @example
   * ```ts
   * const vip = await crm.segments.create({ name: 'VIP', entity: 'person', kind: 'static' });
   * const lapsed = await crm.segments.create({
   *   name: 'Lapsed spenders', entity: 'person', kind: 'snapshot',
   *   filter: { all: [
   *     { related: 'orders', aggregate: 'sum', of: 'total', op: 'gt', value: 50_000,
   *       where: { field: 'orderedAt', op: 'inLast', value: 365, unit: 'days' } },
   *     { related: 'orders', aggregate: 'notExists', where: { field: 'orderedAt', op: 'inLast', value: 90, unit: 'days' } },
   *   ] },
   * });
   * ```
   */
  async create<E extends EntityName, const W extends Filter<E> | Filter = Filter<E>>(
    input: AcceptsFilter<E, W> extends true ? SegmentInput<E, W> : SegmentInput<E, NoInfer<Filter<E>>>,
  ): Promise<Segment> {
    const parsed = segmentInputSchema.safeParse(input);
    if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
    const at = this.#runtime.now().toISOString();
    const actorId = this.#context.actor.id;
    const segment: Segment = {
      ...parsed.data,
      filter: parsed.data.filter as Filter | null,
      id: uuidv7(),
      version: 1,
      refreshedAt: parsed.data.kind === 'snapshot' ? at : null,
      createdAt: at,
      updatedAt: at,
      createdBy: actorId,
      updatedBy: actorId,
      archivedAt: null,
    };
    await this.#transaction(async (tx) => {
      const condition = await checkSegmentFilter(tx, this.#context.tenantId, this.#runtime.now(), segment);
      await tx.insert({ table: segmentsTableName, rows: [segmentToRow(this.#context.tenantId, segment)] });
      await bumpSegmentRevision(tx, this.#context.tenantId);
      if (segment.kind === 'snapshot' && condition !== undefined)
        await listSnapshotMembers(this.#scope(tx, at, segment), condition, { quiet: true });
      await journalSegment(tx, this.#context, at, null, segment);
    }).catch(duplicateName);
    return segment;
  }

  /**
   * One segment by id, archived or not; NOT_FOUND when the tenant has none with it.
   *
   * @example
   * ```ts
   * const segment = await crm.segments.get(id);
   * ```
   */
  async get(id: string): Promise<Segment> {
    return loadSegment(this.#runtime.storage, this.#context.tenantId, id);
  }

  /**
   * The tenant's segments, by name: all, or those of one entity or kind; archived ones only when asked.
   *
   * @example
   * ```ts
   * const peopleSegments = await crm.segments.list({ entity: 'person' });
   * ```
   */
  async list(query: SegmentQuery = {}): Promise<Segment[]> {
    if (typeof query !== 'object' || query === null)
      throw new RapportError('MISUSE', 'segments.list() takes { entity?, kind?, includeArchived? }');
    const where = allOf(
      query.entity === undefined ? undefined : columnEquals('entity', query.entity),
      query.kind === undefined ? undefined : columnEquals('kind', query.kind),
      query.includeArchived === true ? undefined : archivedIs(false),
    );
    return loadSegments(this.#runtime.storage, this.#context.tenantId, where);
  }

  /**
   * Changes a segment's name, description or filter (its entity and kind never change) with the version
   * the caller read (VERSION_CONFLICT when stale). A new filter is checked as on create; a snapshot keeps
   * its members until it is refreshed.
   *
   * @example
   * ```ts
   * await crm.segments.update(segment.id, { name: 'North (key accounts)' }, { version: segment.version });
   * ```
   */
  async update(
    id: string,
    changes: SegmentChanges<Filter>,
    options: { readonly version: number },
  ): Promise<Segment> {
    const current = await this.get(id);
    this.#checkVersion(current, options?.version);
    for (const fixed of ['entity', 'kind'] as const) {
      if (typeof changes === 'object' && changes !== null && fixed in changes) {
        throw validationError([
          { code: 'immutable', path: [fixed], message: `The ${fixed} of a segment never changes` },
        ]);
      }
    }
    const parsed = segmentChangesSchema.safeParse(changes);
    if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
    const given = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
    const at = this.#runtime.now().toISOString();
    const next: Segment = {
      ...current,
      ...(given as Partial<Segment>),
      version: current.version + 1,
      updatedAt: at,
      updatedBy: this.#context.actor.id,
    };
    const changed = ['name', 'description', 'filter'].some(
      (name) =>
        JSON.stringify(current[name as keyof Segment]) !== JSON.stringify(next[name as keyof Segment]),
    );
    if (!changed) return current;
    await this.#transaction(async (tx) => {
      if ('filter' in given) await checkSegmentFilter(tx, this.#context.tenantId, this.#runtime.now(), next);
      await this.#replace(tx, current, next);
      await journalSegment(tx, this.#context, at, current, next);
    }).catch(duplicateName);
    return next;
  }

  /**
   * Archives a segment: it leaves `list()` and emits no more membership events; filters that name it keep
   * working, and so do `count`, `members` and `isMember`.
   *
   * @example
   * ```ts
   * await crm.segments.archive(segment.id);
   * ```
   */
  async archive(id: string): Promise<Segment> {
    return this.#setArchived(id, true);
  }

  /**
   * Restores an archived segment.
   *
   * @example
   * ```ts
   * await crm.segments.restore(segment.id);
   * ```
   */
  async restore(id: string): Promise<Segment> {
    return this.#setArchived(id, false);
  }

  /**
   * How many records are members now (archived records never are), as the caller may read them.
   *
   * @example
   * ```ts
   * const size = await crm.segments.count(segment.id);
   * ```
   */
  async count(id: string): Promise<number> {
    const segment = await this.get(id);
    return countRecords(this.#recordScope(segment), { where: { segment: segment.id } });
  }

  /**
   * A page of members, sorted and paged as `list` pages records (`orderBy`, `limit`, `cursor`, `withTotal`,
   * `select`, `include`), through the same query: the segment's condition runs in the store.
   *
   * @example
   * ```ts
   * const first = await crm.segments.members(id, { orderBy: ['lastName', 'id'], limit: 25 });
   * const second = await crm.segments.members(id, { orderBy: ['lastName', 'id'], limit: 25, cursor: first.nextCursor });
   * ```
   */
  async members(id: string, options: MembersOptions = {}): Promise<Page<AnyRecord>> {
    if (typeof options !== 'object' || options === null)
      throw new RapportError('MISUSE', 'members(id, options) takes { orderBy?, limit?, cursor?, ... }');
    if ('where' in options || 'archived' in options)
      throw new RapportError(
        'MISUSE',
        'members() takes no where or archived: list the entity with { segment: id }',
      );
    const segment = await this.get(id);
    const page = await listRecords(this.#recordScope(segment), {
      ...options,
      where: { segment: segment.id },
    });
    return page as unknown as Page<AnyRecord>;
  }

  /**
   * Whether a record is a member. Given an id, the store answers (false for an archived record, NOT_FOUND
   * never: a record the caller cannot read is not a member). Given values (a record read earlier, or a
   * changed draft), they are evaluated in memory, with the related rows they link to read from the store:
   * "would this record be a member".
   *
   * @example
   * ```ts
   * await crm.segments.isMember(segment.id, person.id); // true
   * await crm.segments.isMember(segment.id, { ...person, region: 'South' }); // false
   * ```
   */
  async isMember(id: string, recordOrId: RecordOrId): Promise<boolean> {
    const segment = await this.get(id);
    const scope = this.#recordScope(segment);
    if (typeof recordOrId === 'string') {
      const where = { all: [{ segment: segment.id }, { field: 'id', op: 'eq', value: recordOrId }] };
      return (await countRecords(scope, { where: where as Filter })) > 0;
    }
    const { context } = await loadCallerFilterSetup(scope, { segment: segment.id });
    const condition = allOf(archivedIs(false), resolveFilter({ segment: segment.id }, context)) as Condition;
    const row = await recordRow(scope, recordOrId);
    return evaluateCondition(condition, row, await relatedRowsOf(scope, condition, row));
  }

  /**
   * Why a record is, or is not, a member: the segment's filter explained for the record (see
   * `filters.explain`).
   *
   * @example
   * ```ts
   * const why = await crm.segments.explain(segment.id, person.id);
   * ```
   */
  async explain(id: string, recordOrId: RecordOrId): Promise<Explanation> {
    const segment = await this.get(id);
    return explainForCaller(this.#recordScope(segment), { segment: segment.id }, recordOrId);
  }

  /**
   * Adds records to a static segment, in one transaction: up to 1,000 ids of its entity (INVALID_REFERENCE
   * at the index of an unknown one); records already in it are skipped. Returns the ids added. Each added
   * record enters the segment (`segment.entered`), unless it is archived.
   *
   * @example
   * ```ts
   * await crm.segments.add(vip.id, [ann.id, bob.id]); // [ann.id, bob.id]
   * ```
   */
  async add(id: string, recordIds: readonly string[]): Promise<string[]> {
    const ids = checkRecordIds(recordIds);
    const segment = await this.#writable(id, 'add');
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#withEvents(segment, async (scope) => {
          const { added, changes } = await addStaticMembers(scope, ids);
          return { result: added, changes };
        });
      } catch (error) {
        if (!isRapportError(error, 'DUPLICATE') || attempt === addAttempts) throw error;
      }
    }
  }

  /**
   * Removes records from a static segment, in one transaction; ids not in it are skipped. Returns the ids
   * removed; each leaves the segment (`segment.left`).
   *
   * @example
   * ```ts
   * await crm.segments.remove(vip.id, [bob.id]); // [bob.id]
   * ```
   */
  async remove(id: string, recordIds: readonly string[]): Promise<string[]> {
    const ids = checkRecordIds(recordIds);
    const segment = await this.#writable(id, 'remove');
    return this.#withEvents(segment, async (scope) => {
      const { removed, changes } = await removeStaticMembers(scope, ids);
      return { result: removed, changes };
    });
  }

  /**
   * Lists again the records that match a snapshot segment's filter now, in one transaction (with the
   * tenant's current schema and calendar), and sets its `refreshedAt`. Records that joined enter it, records
   * that no longer match leave it.
   *
   * @example
   * ```ts
   * const refreshed = await crm.segments.refresh(snapshot.id);
   * refreshed.refreshedAt; // now
   * ```
   */
  async refresh(id: string): Promise<Segment> {
    const current = await this.#writable(id, 'refresh');
    const at = this.#runtime.now().toISOString();
    const next: Segment = {
      ...current,
      version: current.version + 1,
      refreshedAt: at,
      updatedAt: at,
      updatedBy: this.#context.actor.id,
    };
    await this.#withEvents(next, async (scope) => {
      // The version-checked write comes first: of two concurrent refreshes, the second waits, then fails.
      await this.#replace(scope.tx, current, next);
      const { tx } = scope;
      const condition = await checkSegmentFilter(tx, this.#context.tenantId, this.#runtime.now(), next);
      const listed = await listSnapshotMembers(scope, condition as Condition, { quiet: false });
      await journalSegment(tx, this.#context, at, current, next);
      return { result: undefined, changes: listed.changes };
    });
    return next;
  }

  async #writable(id: string, call: 'add' | 'remove' | 'refresh'): Promise<Segment> {
    const segment = await this.get(id);
    requireKind(segment, call === 'refresh' ? 'snapshot' : 'static', call);
    requireActive(segment);
    return segment;
  }

  /** Runs a change of members in one transaction with its membership events, published after commit. */
  async #withEvents<T>(
    segment: Segment,
    change: (scope: StaticMembersScope) => Promise<{ result: T; changes: readonly MembershipChange[] }>,
  ): Promise<T> {
    const at = this.#runtime.now().toISOString();
    let events: SegmentMembershipEvent[] = [];
    const result = await this.#transaction(async (tx) => {
      const outcome = await change(this.#scope(tx, at, segment));
      events = await writeMembershipEvents(tx, this.#context, at, outcome.changes);
      return outcome.result;
    });
    publishMembershipEvents(this.#runtime, events);
    return result;
  }

  /** One transaction, run again when a concurrent change of another segment took the revision first. */
  #transaction<T>(fn: (tx: StorageWriter) => Promise<T>): Promise<T> {
    return withRevisionRetry(() => this.#runtime.storage.transaction(fn));
  }

  #scope(tx: StorageWriter, at: string, segment: Segment): StaticMembersScope {
    return { tx, runtime: this.#runtime, context: this.#context, at, segment };
  }

  #recordScope(segment: Segment): WriteScope {
    return { runtime: this.#runtime, context: this.#context, entity: entityDef(segment.entity) };
  }

  async #setArchived(id: string, archived: boolean): Promise<Segment> {
    const current = await this.get(id);
    if ((current.archivedAt !== null) === archived) return current;
    const at = this.#runtime.now().toISOString();
    const next: Segment = {
      ...current,
      archivedAt: archived ? at : null,
      version: current.version + 1,
      updatedAt: at,
      updatedBy: this.#context.actor.id,
    };
    await this.#transaction(async (tx) => {
      await this.#replace(tx, current, next);
      await journalSegment(tx, this.#context, at, current, next);
    });
    return next;
  }

  #checkVersion(current: Segment, version: unknown): void {
    if (!Number.isInteger(version))
      throw new RapportError('MISUSE', 'update(id, changes, { version }) needs the version the caller read');
    if (current.version !== version) {
      throw new RapportError(
        'VERSION_CONFLICT',
        `Segment "${current.name}" is at version ${current.version}, not ${String(version)}`,
        { details: { entity: 'segment', id: current.id, expected: version, actual: current.version } },
      );
    }
  }

  /** Writes a new version of a segment, if it is still at the version read, and moves the revision on. */
  async #replace(tx: StorageWriter, current: Segment, next: Segment): Promise<void> {
    const { tenant_id: _tenant, id: _id, ...values } = segmentToRow(this.#context.tenantId, next);
    const count = await tx.update({
      table: segmentsTableName,
      tenantId: this.#context.tenantId,
      id: current.id,
      expectedVersion: current.version,
      values,
    });
    if (count === 0) {
      throw new RapportError(
        'VERSION_CONFLICT',
        `Segment "${current.name}" changed while it was being written`,
        {
          details: { entity: 'segment', id: current.id, expected: current.version },
        },
      );
    }
    await bumpSegmentRevision(tx, this.#context.tenantId);
  }
}
