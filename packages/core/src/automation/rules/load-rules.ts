import { ruleFilterContext } from '../../assignment/rule-filter-context';
import type { EntityName } from '../../entities/entity-name';
import { RapportError } from '../../errors/rapport-error';
import type { StorageReader } from '../../storage/adapter';
import type { Rule } from '../rule';
import type { CompiledRule } from './compile-rule';
import { compileRule } from './compile-rule';
import { RuleIndex } from './rule-index';
import { rowToRule, rulesTableName } from './rule-tables';

/**
 * Compiles one stored rule in the tenant's filter context at `now` (its fields, calendar and segments).
 *
 * @example
 * ```ts
 * const compiled = await compileStoredRule(storage, tenantId, rule, entity, new Date());
 * ```
 */
export async function compileStoredRule(
  reader: StorageReader,
  tenantId: string,
  rule: Rule,
  entity: EntityName | null,
  now: Date,
): Promise<CompiledRule> {
  if (entity === null) return compileRule(rule);
  const filterContext = await ruleFilterContext(reader, tenantId, entity, now, [rule.condition]);
  return compileRule(rule, { filterContext });
}

/**
 * One stored rule and the entity of its records; NOT_FOUND when the tenant has none with the id.
 *
 * @example
 * ```ts
 * const { rule, entity } = await loadRuleRow(tx, tenantId, id);
 * ```
 */
export async function loadRuleRow(
  reader: StorageReader,
  tenantId: string,
  id: string,
): Promise<{ rule: Rule; entity: EntityName | null }> {
  const row =
    typeof id === 'string' && id.length > 0 && id.length <= 255
      ? await reader.findById({ table: rulesTableName, tenantId, id })
      : undefined;
  if (row === undefined)
    throw new RapportError('NOT_FOUND', `No automation rule with id ${String(id)}`, {
      details: { entity: 'automationRule', id },
    });
  return { rule: rowToRule(row), entity: (row.entity ?? null) as EntityName | null };
}

/**
 * The tenant's active rules, compiled at `now` and indexed: what a trigger consumer asks which rules an
 * event can start (`index.candidates(event)`), then checks with `ruleMatchesEvent`. Compile once per
 * batch of events: relative times in conditions are fixed at `now`.
 *
 * @example
 * ```ts
 * const index = await loadRuleIndex(storage, tenantId, clock.now());
 * for (const compiled of index.candidates(event)) if (ruleMatchesEvent(compiled, event, fact)) ...
 * ```
 */
export async function loadRuleIndex(reader: StorageReader, tenantId: string, now: Date): Promise<RuleIndex> {
  const rows = await reader.findMany({
    table: rulesTableName,
    tenantId,
    where: {
      kind: 'compare',
      field: { operand: { kind: 'column', column: 'active' }, type: 'boolean' },
      op: 'eq',
      value: true,
      caseInsensitive: false,
    },
  });
  const index = new RuleIndex();
  for (const row of rows) {
    const rule = rowToRule(row);
    if (rule.archivedAt !== null) continue;
    index.add(
      await compileStoredRule(reader, tenantId, rule, (row.entity ?? null) as EntityName | null, now),
    );
  }
  return index;
}
