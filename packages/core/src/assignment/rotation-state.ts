import { columnEquals } from '../records/conditions';
import type { StorageReader, StorageWriter } from '../storage/adapter';
import { assignmentStateTable, assignmentTurnsTable } from './assignment-tables';
import type { Turn } from './strategies';

const stateId = 'assignment';

/**
 * Takes the tenant's assignment turn: writes the tenant's state row first thing in the transaction, so a
 * concurrent assignment of the same tenant waits for this one to commit (Postgres holds the row lock;
 * SQLite, PGlite and memory run one writer at a time) and then reads the rotation this one left. Returns
 * the sequence number of the previous decision, or undefined when the tenant never had a rule (no row).
 *
 * @example
 * ```ts
 * const last = await lockAssignments(tx, tenantId, at); // 41: this decision is number 42
 * ```
 */
export async function lockAssignments(
  tx: StorageWriter,
  tenantId: string,
  at: string,
): Promise<number | undefined> {
  const locked = await tx.update({
    table: assignmentStateTable.name,
    tenantId,
    id: stateId,
    values: { updated_at: at },
  });
  if (locked === 0) return undefined;
  // Read after the write: on Postgres this statement's snapshot starts after the lock was granted.
  const row = await tx.findById({ table: assignmentStateTable.name, tenantId, id: stateId });
  return (row?.sequence as number | undefined) ?? 0;
}

/**
 * Creates the tenant's state row if it has none (with the tenant's first rule). Two first rules created
 * at once both insert: the loser's DUPLICATE rolls its transaction back, and running it again finds the row.
 *
 * @example
 * ```ts
 * await ensureAssignmentState(tx, tenantId, at);
 * ```
 */
export async function ensureAssignmentState(tx: StorageWriter, tenantId: string, at: string): Promise<void> {
  if ((await lockAssignments(tx, tenantId, at)) !== undefined) return;
  await tx.insert({
    table: assignmentStateTable.name,
    rows: [{ tenant_id: tenantId, id: stateId, sequence: 0, updated_at: at }],
  });
}

/** Stores the sequence number of the decision just made. */
export async function storeSequence(tx: StorageWriter, tenantId: string, sequence: number): Promise<void> {
  await tx.update({ table: assignmentStateTable.name, tenantId, id: stateId, values: { sequence } });
}

/** A member's stored rotation state for a rule, with how many records the rule gave them. */
export interface StoredTurn extends Turn {
  readonly assigned: number;
}

/**
 * The rotation state of a rule, by member.
 *
 * @example
 * ```ts
 * const turns = await loadTurns(tx, tenantId, rule.id);
 * turns.get(ann.id)?.lastSequence;
 * ```
 */
export async function loadTurns(
  reader: StorageReader,
  tenantId: string,
  ruleId: string,
): Promise<Map<string, StoredTurn>> {
  const rows = await reader.findMany({
    table: assignmentTurnsTable.name,
    tenantId,
    where: columnEquals('rule_id', ruleId),
  });
  return new Map(
    rows.map((row) => [
      row.member_id as string,
      {
        lastSequence: row.last_sequence as number | null,
        credit: row.credit as number,
        assigned: row.assigned as number,
      },
    ]),
  );
}

/**
 * Writes the rotation state a pick leaves: the chosen member's turn and count, and the credits of every
 * member a weighted pick changed. Inside the assignment's transaction, after {@link lockAssignments}.
 *
 * @example
 * ```ts
 * await storeTurns(tx, { tenantId, ruleId, at, turns, chosen: ann.id, sequence: 42, credits });
 * ```
 */
export async function storeTurns(
  tx: StorageWriter,
  args: {
    readonly tenantId: string;
    readonly ruleId: string;
    readonly at: string;
    readonly turns: ReadonlyMap<string, StoredTurn>;
    readonly chosen: string;
    readonly sequence: number;
    readonly credits: ReadonlyMap<string, number>;
  },
): Promise<void> {
  const { tenantId, ruleId, at, turns } = args;
  const members = new Set([...args.credits.keys(), args.chosen]);
  for (const memberId of members) {
    const current = turns.get(memberId);
    const isChosen = memberId === args.chosen;
    const values = {
      last_sequence: isChosen ? args.sequence : (current?.lastSequence ?? null),
      credit: args.credits.get(memberId) ?? current?.credit ?? 0,
      assigned: (current?.assigned ?? 0) + (isChosen ? 1 : 0),
      updated_at: at,
    };
    const id = `${ruleId}:${memberId}`;
    if (current === undefined)
      await tx.insert({
        table: assignmentTurnsTable.name,
        rows: [{ tenant_id: tenantId, id, rule_id: ruleId, member_id: memberId, ...values }],
      });
    else await tx.update({ table: assignmentTurnsTable.name, tenantId, id, values });
  }
}
