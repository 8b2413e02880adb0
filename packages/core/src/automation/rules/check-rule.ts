import { ruleFilterContext } from '../../assignment/rule-filter-context';
import type { EntityName } from '../../entities/entity-name';
import type { RapportIssue } from '../../errors/rapport-error';
import { isRapportError, RapportError, validationError } from '../../errors/rapport-error';
import { toRapportIssues } from '../../errors/zod-issues';
import type { FilterContext } from '../../filter/filter-context';
import { resolveFilter } from '../../filter/resolve-filter';
import { loadSegmentsNamedBy } from '../../segments/segment-references';
import type { StorageReader } from '../../storage/adapter';
import type { RuleAction, RuleCondition, RuleInput } from '../rule';
import { triggerEntity } from './compile-rule';
import { isChangeNode, ruleInputSchema } from './rule-schema';

type Path = (string | number)[];

/** A rule input that passed every check, with the entity its records are of and its filter context. */
export interface CheckedRule {
  readonly input: RuleInput;
  readonly entity: EntityName | null;
  /** The context its filters resolve in (the tenant's fields and calendar at `now`); null without an entity. */
  readonly filterContext: FilterContext | null;
}

/** The triggers that come with a change, so change operators mean something under them. */
const changeTriggers = new Set(['recordCreated', 'recordUpdated', 'dealStageChanged']);

/**
 * Parses a rule input with the zod schema: VALIDATION_FAILED with every issue at its path.
 *
 * @example
 * ```ts
 * const input = parseRuleInput(body); // throws VALIDATION_FAILED, issues[0].path = ['actions', 0, 'kind']
 * ```
 */
export function parseRuleInput(input: unknown): RuleInput {
  const parsed = ruleInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
  return parsed.data;
}

/** The entity of a rule's records: the trigger's, or the segment's for segment triggers. */
async function entityOf(
  reader: StorageReader,
  tenantId: string,
  input: RuleInput,
): Promise<EntityName | null> {
  const { trigger } = input;
  if (trigger.kind !== 'segmentEntered' && trigger.kind !== 'segmentLeft') return triggerEntity(input);
  const segments = await loadSegmentsNamedBy(reader, tenantId, [{ segment: trigger.segmentId }]);
  const segment = segments.get(trigger.segmentId);
  if (segment === undefined) {
    throw new RapportError('INVALID_REFERENCE', `No segment with id ${trigger.segmentId}`, {
      issues: [{ code: 'invalid_reference', path: ['trigger', 'segmentId'], message: 'No such segment' }],
    });
  }
  return segment.entity;
}

/** Every field a rule names outside its filters, with its path: trigger fields, date fields, updates. */
function namedFields(input: RuleInput): { field: string; path: Path }[] {
  const { trigger } = input;
  const named: { field: string; path: Path }[] = [];
  if (trigger.kind === 'recordUpdated')
    for (const [index, field] of (trigger.fields ?? []).entries())
      named.push({ field, path: ['trigger', 'fields', index] });
  if (trigger.kind === 'date') named.push({ field: trigger.field, path: ['trigger', 'field'] });
  const visit = (actions: readonly RuleAction[], path: Path) =>
    actions.forEach((action, index) => {
      if (action.kind === 'updateFields')
        for (const field of Object.keys(action.values))
          named.push({ field, path: [...path, index, 'values', field] });
      if (action.kind === 'wait' && action.untilField !== undefined)
        named.push({ field: action.untilField, path: [...path, index, 'untilField'] });
      if (action.kind === 'branch') {
        visit(action.then, [...path, index, 'then']);
        visit(action.else ?? [], [...path, index, 'else']);
      }
    });
  visit(input.actions, ['actions']);
  return named;
}

/** Every condition of a rule with its path: the rule's own and those of its branches. */
function conditionsOf(input: RuleInput): { condition: RuleCondition; path: Path }[] {
  const found: { condition: RuleCondition; path: Path }[] = [];
  if (input.condition !== undefined) found.push({ condition: input.condition, path: ['condition'] });
  const visit = (actions: readonly RuleAction[], path: Path) =>
    actions.forEach((action, index) => {
      if (action.kind !== 'branch') return;
      found.push({ condition: action.condition, path: [...path, index, 'condition'] });
      visit(action.then, [...path, index, 'then']);
      visit(action.else ?? [], [...path, index, 'else']);
    });
  visit(input.actions, ['actions']);
  return found;
}

function fieldResolves(field: string, context: FilterContext): boolean {
  try {
    resolveFilter({ field, op: 'isNotEmpty' }, context);
    return true;
  } catch (error) {
    if (isRapportError(error, 'INVALID_FILTER')) return false;
    throw error;
  }
}

/** Resolves every filter part of a condition; the first that fails throws INVALID_FILTER at its full path. */
function checkCondition(
  node: RuleCondition,
  path: Path,
  context: FilterContext,
  withChange: boolean,
  issues: RapportIssue[],
): void {
  if (isChangeNode(node)) {
    if (!withChange)
      issues.push({
        code: 'not_allowed',
        path: [...path, 'op'],
        message: 'Change operators need a record trigger with a change',
      });
    else if (!fieldResolves(node.field, context))
      issues.push({
        code: 'invalid_field',
        path: [...path, 'field'],
        message: `"${node.field}" is not a field of ${context.entity}`,
      });
    return;
  }
  const group = node as { all?: RuleCondition[]; any?: RuleCondition[]; not?: RuleCondition };
  const keys = Object.keys(node);
  if (keys.length === 1 && (group.all !== undefined || group.any !== undefined)) {
    const key = group.all !== undefined ? 'all' : 'any';
    for (const [index, child] of (group[key] as RuleCondition[]).entries())
      checkCondition(child, [...path, key, index], context, withChange, issues);
    return;
  }
  if (keys.length === 1 && group.not !== undefined) {
    checkCondition(group.not, [...path, 'not'], context, withChange, issues);
    return;
  }
  try {
    resolveFilter(node, context);
  } catch (error) {
    if (!isRapportError(error, 'INVALID_FILTER')) throw error;
    throw new RapportError('INVALID_FILTER', error.message, {
      issues: error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })),
      details: error.details,
      cause: error,
    });
  }
}

/**
 * Checks a parsed rule against the tenant's schema, as `list({ where })` checks a filter: every filter
 * part of its condition and branches resolves for the trigger's entity (INVALID_FILTER, the path under
 * `condition` or `actions.<i>.condition`), change operators sit under a trigger with a change and name
 * fields of the record, fields named by the trigger and actions exist (VALIDATION_FAILED), a segment
 * trigger names a segment of the tenant (INVALID_REFERENCE).
 *
 * @example
 * ```ts
 * const { entity, filterContext } = await checkRule(tx, tenantId, now, parseRuleInput(input));
 * ```
 */
export async function checkRule(
  reader: StorageReader,
  tenantId: string,
  now: Date,
  input: RuleInput,
): Promise<CheckedRule> {
  const entity = await entityOf(reader, tenantId, input);
  const conditions = conditionsOf(input);
  if (entity === null) {
    if (conditions.length > 0)
      throw validationError([
        {
          code: 'not_allowed',
          path: conditions[0]?.path ?? ['condition'],
          message: `A ${input.trigger.kind} rule has no record to test a condition on`,
        },
      ]);
    return { input, entity, filterContext: null };
  }
  const fields = namedFields(input);
  const context = await ruleFilterContext(reader, tenantId, entity, now, [
    ...conditions.map((entry) => entry.condition),
    ...fields.map(({ field }) => ({ field, op: 'isNotEmpty' })),
  ]);
  const issues: RapportIssue[] = fields
    .filter(({ field }) => !fieldResolves(field, context))
    .map(({ field, path }) => ({
      code: 'invalid_field',
      path,
      message: `"${field}" is not a field of ${entity}`,
    }));
  const withChange = changeTriggers.has(input.trigger.kind);
  for (const { condition, path } of conditions)
    checkCondition(condition, path, context, withChange && path[0] === 'condition', issues);
  if (issues.length > 0) throw validationError(issues);
  return { input, entity, filterContext: context };
}
