/** What resolving a filter reads besides the filter: custom field definitions, the tenant's settings. */
export interface FilterNeeds {
  /**
   * It names a custom field somewhere (`custom.tier`, `company.custom.tier`, in a related `where`, as the
   * `of` of an aggregate).
   */
  readonly customFields: boolean;
  /** It holds a relative time or an anniversary, which need the tenant's time zone and fiscal year. */
  readonly settings: boolean;
}

const settingsOps = new Set(['inLast', 'inNext', 'inPeriod', 'anniversaryInNext']);

// Deeper input is refused by resolution anyway; stopping here keeps a hostile filter from exhausting the stack.
const maxWalkDepth = 100;

const namesCustomField = (name: string) => name.startsWith('custom.') || name.includes('.custom.');

/**
 * What a filter (checked or not) needs loaded before it can be resolved, so lists and counts read
 * definitions and settings only when a filter uses them.
 *
 * @example
 * ```ts
 * filterNeeds({ field: 'orderedAt', op: 'inLast', value: 30, unit: 'days' }); // { customFields: false, settings: true }
 * ```
 */
export function filterNeeds(filter: unknown): FilterNeeds {
  let customFields = false;
  let settings = false;
  const visit = (node: unknown, depth: number): void => {
    if (depth > maxWalkDepth || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    // A comparison names its field in `field`, an aggregate of related records in `of`.
    for (const name of [record.field, record.of])
      if (typeof name === 'string' && namesCustomField(name)) customFields = true;
    if (typeof record.op === 'string' && settingsOps.has(record.op)) settings = true;
    for (const value of Object.values(record)) visit(value, depth + 1);
  };
  visit(filter, 0);
  return { customFields, settings };
}
