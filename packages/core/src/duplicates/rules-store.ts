import { RapportError } from '../errors/rapport-error';
import type { CrmContext } from '../records/context';
import { jsonEqual } from '../records/diff';
import { writeJournal } from '../records/write-journal';
import { writeConfigRow } from '../settings/config-row';
import type { StorageReader, StorageWriter } from '../storage/adapter';
import type { DuplicateRule, DuplicateRules } from './duplicate-rules';
import { defaultDuplicateRules } from './duplicate-rules';
import { duplicateRulesTable } from './duplicate-tables';

const rowId = 'duplicate-rules';

/**
 * A tenant's matching rules: the stored ones, or the built-in defaults at version 0.
 *
 * @example
 * ```ts
 * const { version, rules } = await loadDuplicateRules(storage, 'acme');
 * ```
 */
export async function loadDuplicateRules(reader: StorageReader, tenantId: string): Promise<DuplicateRules> {
  const row = await reader.findById({ table: duplicateRulesTable.name, tenantId, id: rowId });
  if (row === undefined) return { version: 0, rules: defaultDuplicateRules, updatedAt: null };
  return {
    version: row.version as number,
    rules: row.rules as DuplicateRule[],
    updatedAt: row.updated_at as string,
  };
}

function versionConflict(expected: number, actual: number): RapportError {
  return new RapportError(
    'VERSION_CONFLICT',
    `The duplicate rules are at version ${actual}, not ${expected}: reload and retry`,
    { details: { entity: 'duplicateRules', expected, actual } },
  );
}

/**
 * Stores a tenant's new rules if they are still at `expected`, with an audit entry and an outbox event
 * (`duplicateRules.updated`), inside the caller's transaction. Rules that change nothing write nothing.
 *
 * @example
 * ```ts
 * await storage.transaction((tx) => saveDuplicateRules(tx, context, at, rules, 0));
 * ```
 */
export async function saveDuplicateRules(
  tx: StorageWriter,
  context: CrmContext,
  at: string,
  rules: readonly DuplicateRule[],
  expected: number,
): Promise<DuplicateRules> {
  const current = await loadDuplicateRules(tx, context.tenantId);
  if (current.version !== expected) throw versionConflict(expected, current.version);
  if (jsonEqual(current.rules, rules)) return current;
  const next: DuplicateRules = { version: expected + 1, rules: [...rules], updatedAt: at };
  const values = { version: next.version, rules: next.rules, updated_at: at };
  await writeConfigRow(tx, {
    table: duplicateRulesTable.name,
    row: { tenant_id: context.tenantId, id: rowId, created_at: at, ...values },
    expected,
    conflict: versionConflict,
  });
  await writeJournal(tx, context, at, [
    {
      entity: 'duplicateRules',
      action: expected === 0 ? 'created' : 'updated',
      recordId: rowId,
      version: next.version,
      changes: { rules: { before: current.rules, after: next.rules } },
      record: { ...next },
    },
  ]);
  return next;
}
