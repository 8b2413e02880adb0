import type { CustomFieldDefinition } from '../custom-fields/custom-field-definition';
import type { CustomFieldType } from '../custom-fields/custom-field-types';
import type { EntityName } from '../entities/entity-name';
import type { Condition, FieldRef, ValueType } from '../storage/condition';
import type { FilterContext } from './filter-context';

// Shared by the filter tests: a fixed context and builders of the expected condition IR.

function definition(
  entity: CustomFieldDefinition['entity'],
  key: string,
  type: CustomFieldType,
  relationEntity: EntityName | null = null,
): CustomFieldDefinition {
  return {
    id: `${entity}-${key}`,
    version: 1,
    entity,
    key,
    label: key,
    description: null,
    type,
    required: false,
    unique: false,
    indexed: false,
    defaultValue: null,
    min: null,
    max: null,
    pattern: null,
    options: [],
    relationEntity,
    scale: null,
    position: 0,
    archivedAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** 23:30 UTC on Wednesday 15 January 2025: already Thursday 16 January in Paris. */
export const testNow = new Date('2025-01-15T23:30:00.000Z');

/** A person filter context in Paris with a fiscal year starting in April, and custom fields on three entities. */
export function testContext(overrides: Partial<FilterContext> = {}): FilterContext {
  return {
    entity: 'person',
    now: testNow,
    timeZone: 'Europe/Paris',
    fiscalYearStartMonth: 4,
    actorId: 'user-1',
    customFields: {
      person: [
        definition('person', 'tier', 'select'),
        definition('person', 'score', 'number'),
        definition('person', 'weddingDay', 'date'),
        definition('person', 'accountManager', 'relation', 'member'),
        definition('person', 'referrer', 'relation', 'person'),
      ],
      company: [definition('company', 'tier', 'text'), definition('company', 'founded', 'date')],
      order: [definition('order', 'channel', 'text'), definition('order', 'margin', 'number')],
    },
    ...overrides,
  };
}

/** A column as a field reference. */
export const column = (name: string, type: ValueType): FieldRef => ({
  operand: { kind: 'column', column: name },
  type,
});

/** A custom field as a field reference. */
export const customField = (key: string, type: ValueType): FieldRef => ({
  operand: { kind: 'jsonPath', column: 'custom', path: [key] },
  type,
});

/** A case-sensitive comparison. */
export const compare = (
  field: FieldRef,
  op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte',
  value: string | number | boolean,
): Condition => ({
  kind: 'compare',
  field,
  op,
  value,
  caseInsensitive: false,
});

/** `start <= field < end`. */
export const between = (field: FieldRef, start: string, end: string): Condition => ({
  kind: 'and',
  conditions: [compare(field, 'gte', start), compare(field, 'lt', end)],
});

/** Related rows that are not archived and meet `condition`. */
export const liveRows = (condition?: Condition): Condition => {
  const notArchived: Condition = { kind: 'null', field: column('archived_at', 'timestamp'), negate: false };
  return condition === undefined ? notArchived : { kind: 'and', conditions: [notArchived, condition] };
};
