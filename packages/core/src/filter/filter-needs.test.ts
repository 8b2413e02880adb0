import { describe, expect, it } from 'vitest';
import { filterNeeds } from './filter-needs';

describe('filterNeeds', () => {
  it('needs nothing for a plain filter', () => {
    expect(filterNeeds({ all: [{ field: 'region', op: 'eq', value: 'custom.tier' }] })).toEqual({
      customFields: false,
      settings: false,
    });
    expect(filterNeeds(undefined)).toEqual({ customFields: false, settings: false });
  });

  it('needs custom field definitions wherever a custom field is named', () => {
    const needsDefinitions = (filter: unknown) => filterNeeds(filter).customFields;
    expect(needsDefinitions({ field: 'custom.tier', op: 'isEmpty' })).toBe(true);
    expect(needsDefinitions({ not: { field: 'company.custom.tier', op: 'isEmpty' } })).toBe(true);
    expect(
      needsDefinitions({
        related: 'orders',
        aggregate: 'exists',
        where: { field: 'custom.channel', op: 'isEmpty' },
      }),
    ).toBe(true);
    expect(
      needsDefinitions({ related: 'orders', aggregate: 'sum', of: 'custom.margin', op: 'gt', value: 1 }),
    ).toBe(true);
    expect(needsDefinitions({ field: 'customer', op: 'isEmpty' })).toBe(false);
  });

  it('needs the settings for relative times and anniversaries, however deep', () => {
    const needsSettings = (filter: unknown) => filterNeeds(filter).settings;
    for (const op of ['inLast', 'inNext', 'inPeriod', 'anniversaryInNext'])
      expect(
        needsSettings({ any: [{ related: 'orders', aggregate: 'exists', where: { field: 'x', op } }] }),
        op,
      ).toBe(true);
    expect(needsSettings({ field: 'createdAt', op: 'gt', value: '2025-01-01T00:00:00Z' })).toBe(false);
  });

  it('reads a list of filters, and stops at a depth no filter reaches', () => {
    expect(
      filterNeeds([
        { field: 'region', op: 'isEmpty' },
        { field: 'custom.tier', op: 'isEmpty' },
      ]).customFields,
    ).toBe(true);
    let deep: unknown = { field: 'createdAt', op: 'inLast', value: 1, unit: 'days' };
    for (let depth = 0; depth < 10_000; depth++) deep = { not: deep };
    expect(filterNeeds(deep)).toEqual({ customFields: false, settings: false });
  });
});
