import { RapportError } from '../errors/rapport-error';
import type { FieldResolver } from '../filter/field-resolver';
import type { FilterContext } from '../filter/filter-context';
import type { Filter, OrderBy } from '../filter/filter-types';
import { resolveFilter } from '../filter/resolve-filter';
import type { Condition, OrderTerm } from '../storage/condition';
import { allOf, archivedIs } from './conditions';
import type { ArchivedMode } from './list-options';

const idTerm: OrderTerm = {
  field: { operand: { kind: 'column', column: 'id' }, type: 'text' },
  direction: 'asc',
};

function misuse(path: (string | number)[], message: string): never {
  throw new RapportError('INVALID_FILTER', message, { issues: [{ code: 'invalid_sort', path, message }] });
}

function toTerm(orderBy: OrderBy, resolve: FieldResolver, index: number): OrderTerm {
  const isTerm =
    typeof orderBy === 'string' ||
    (typeof orderBy === 'object' && orderBy !== null && typeof orderBy.field === 'string');
  if (!isTerm) misuse(['orderBy', index], "A sort term is a field name, '-field', or { field, direction }");
  const [name, direction] =
    typeof orderBy === 'string'
      ? orderBy.startsWith('-')
        ? [orderBy.slice(1), 'desc' as const]
        : [orderBy, 'asc' as const]
      : [orderBy.field, orderBy.direction ?? 'asc'];
  if (direction !== 'asc' && direction !== 'desc')
    misuse(['orderBy', index, 'direction'], 'Direction is asc or desc');
  const resolution = resolve(name);
  if (!resolution.ok) misuse(['orderBy', index], resolution.message);
  if (resolution.ref.type === 'textList')
    misuse(['orderBy', index], `Cannot sort by the list field "${name}"`);
  return { field: resolution.ref, direction };
}

/** The sort terms of a list, always ending with `id` ascending so the order is total. */
export function resolveOrder(
  orderBy: OrderBy | readonly OrderBy[] | undefined,
  resolve: FieldResolver,
): OrderTerm[] {
  const terms =
    orderBy === undefined
      ? []
      : Array.isArray(orderBy)
        ? (orderBy as readonly OrderBy[])
        : [orderBy as OrderBy];
  const resolved = terms.map((term, index) => toTerm(term, resolve, index));
  const lastOperand = resolved.at(-1)?.field.operand;
  const lastIsId = lastOperand?.kind === 'column' && lastOperand.column === 'id';
  return lastIsId ? resolved : [...resolved, idTerm];
}

/** The condition of a list's `where`, archive mode and access scope (not the cursor). */
export function listCondition(
  where: Filter | undefined,
  archived: ArchivedMode,
  scope: Condition | undefined,
  filterContext: FilterContext,
): Condition | undefined {
  if (archived !== 'exclude' && archived !== 'include' && archived !== 'only') {
    throw new RapportError('MISUSE', "archived is 'exclude', 'include' or 'only'");
  }
  const archiveCondition = archived === 'include' ? undefined : archivedIs(archived === 'only');
  return allOf(
    where === undefined ? undefined : resolveFilter(where, filterContext),
    archiveCondition,
    scope,
  );
}
