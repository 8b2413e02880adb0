import type { RapportIssue } from '../errors/rapport-error';
import { isRapportError, RapportError, validationError } from '../errors/rapport-error';
import { resolveFilter } from '../filter/resolve-filter';
import { columnIn } from '../records/conditions';
import type { StorageReader } from '../storage/adapter';
import type { AssignableEntity, AssignmentRule, MatchAttribute, MatchCriterion } from './assignment-rule';
import { ruleFilterContext } from './rule-filter-context';

/** The record field each attribute is matched against when a criterion names none. */
const defaultFields: Record<AssignableEntity, Partial<Record<MatchAttribute, string>>> = {
  person: { region: 'region', industry: 'company.industry' },
  company: { region: 'region', industry: 'industry' },
  deal: { region: 'company.region', industry: 'company.industry' },
};

/**
 * The criteria with their record fields filled in (`region` of a deal reads `company.region`), or the
 * issues of those that name no field and have no default (language and skill need one).
 *
 * @example
 * ```ts
 * withDefaultFields('deal', [{ attribute: 'region' }]); // { criteria: [{ attribute: 'region', field: 'company.region' }], issues: [] }
 * ```
 */
export function withDefaultFields(
  entity: AssignableEntity,
  match: readonly MatchCriterion[],
): { criteria: Required<MatchCriterion>[]; issues: RapportIssue[] } {
  const issues: RapportIssue[] = [];
  const criteria = match.map((criterion, index) => {
    const field = criterion.field ?? defaultFields[entity][criterion.attribute];
    if (field === undefined) {
      issues.push({
        code: 'required',
        path: ['match', index, 'field'],
        message: `Name the ${entity} field to match the member's ${criterion.attribute} against`,
      });
    }
    return { attribute: criterion.attribute, field: field ?? '' };
  });
  return { criteria, issues };
}

function strategyIssues(rule: AssignmentRule): RapportIssue[] {
  if (rule.strategy === 'weighted' && rule.weights === null)
    return [{ code: 'required', path: ['weights'], message: 'A weighted rule needs its weights' }];
  if (rule.strategy === 'roundRobin' && rule.weights !== null)
    return [{ code: 'not_allowed', path: ['weights'], message: 'A round robin rule has no weights' }];
  return [];
}

async function poolIssues(reader: StorageReader, tenantId: string, rule: AssignmentRule) {
  const ids = rule.pool.memberIds ?? [];
  if (ids.length === 0) return [];
  const found = new Set(
    (await reader.findMany({ table: 'members', tenantId, where: columnIn('id', ids) })).map(
      (row) => row.id as string,
    ),
  );
  return ids.flatMap((id, index) =>
    found.has(id)
      ? []
      : [
          {
            code: 'invalid_reference',
            path: ['pool', 'memberIds', index],
            message: `No member with id ${id}`,
          },
        ],
  );
}

/**
 * Checks a rule before it is saved, against the tenant's schema and members: the condition resolves as a
 * filter of the rule's entity (INVALID_FILTER, its issue path under `condition`), every criterion's field
 * is a field of the record (VALIDATION_FAILED at `match.<i>.field`), the weights fit the strategy, and
 * every member the pool names exists (INVALID_REFERENCE at `pool.memberIds.<i>`). Returns the rule with its
 * criteria's default fields filled in.
 *
 * @example
 * ```ts
 * const checked = await checkRule(tx, tenantId, now, draft);
 * ```
 */
export async function checkRule(
  reader: StorageReader,
  tenantId: string,
  now: Date,
  rule: AssignmentRule,
): Promise<AssignmentRule> {
  const { criteria, issues } = withDefaultFields(rule.entity, rule.match);
  issues.push(...strategyIssues(rule));
  const fieldFilters = criteria.map((criterion) => ({ field: criterion.field, op: 'isNotEmpty' }));
  const context = await ruleFilterContext(reader, tenantId, rule.entity, now, [
    rule.condition,
    ...fieldFilters,
  ]);
  criteria.forEach((criterion, index) => {
    if (criterion.field === '') return;
    try {
      resolveFilter({ field: criterion.field, op: 'isNotEmpty' }, context);
    } catch (error) {
      if (!isRapportError(error, 'INVALID_FILTER')) throw error;
      issues.push({
        code: 'invalid_field',
        path: ['match', index, 'field'],
        message: `"${criterion.field}" is not a field of ${rule.entity}`,
      });
    }
  });
  if (issues.length > 0) throw validationError(issues);
  if (rule.condition !== null) {
    try {
      resolveFilter(rule.condition, context);
    } catch (error) {
      if (!isRapportError(error, 'INVALID_FILTER')) throw error;
      throw new RapportError('INVALID_FILTER', error.message, {
        issues: error.issues.map((issue) => ({ ...issue, path: ['condition', ...issue.path] })),
        details: error.details,
        cause: error,
      });
    }
  }
  const references = await poolIssues(reader, tenantId, rule);
  if (references.length > 0)
    throw new RapportError('INVALID_REFERENCE', 'The pool names members the tenant does not have', {
      issues: references,
    });
  return { ...rule, match: criteria };
}
