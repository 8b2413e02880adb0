import { describe, expect, it } from 'vitest';
import type { Condition, FieldRef, RelatedAggregate, Relation } from './condition';
import { compileCondition, evaluateCondition } from './evaluate-condition';
import { createRelatedRows } from './related-rows';
import type { Row } from './schema';

const ordersOf: Relation = { table: 'orders', link: 'column', foreignColumn: 'person_id', localColumn: 'id' };
const field = (column: string, type: FieldRef['type']): FieldRef => ({
  operand: { kind: 'column', column },
  type,
});
const total = field('total', 'number');
const related = (aggregate: RelatedAggregate, where?: Condition, negate = false): Condition => ({
  kind: 'related',
  relation: ordersOf,
  aggregate,
  negate,
  ...(where === undefined ? {} : { where }),
});
const person = (id: string): Row => ({ tenant_id: 't1', id });
const order = (id: string, personId: string, values: Row = {}): Row => ({
  tenant_id: 't1',
  id,
  person_id: personId,
  total: null,
  ...values,
});
const sourceOf = (orders: Row[]) => createRelatedRows((table) => (table === 'orders' ? orders : []));
const invalid = expect.objectContaining({ name: 'RapportError', code: 'INVALID_FILTER' });

/** Whether `condition` holds for a person with these orders. */
const holds = (condition: Condition, orders: Row[]) =>
  compileCondition(
    condition,
    sourceOf(orders.map((values, index) => order(`o${index}`, 'p1', values))),
  )(person('p1'));

describe('related conditions in the reference evaluator', () => {
  it('refuses to compile or evaluate a related condition without a source, with MISUSE', () => {
    const misuse = expect.objectContaining({ code: 'MISUSE' });
    const condition = related({ fn: 'exists' });
    expect(() => compileCondition(condition)).toThrow(misuse);
    expect(() => evaluateCondition(condition, person('p1'))).toThrow(misuse);
    expect(() => compileCondition({ kind: 'not', condition })).toThrow(misuse);
  });

  it('needs no source for a condition without related conditions', () => {
    expect(evaluateCondition({ kind: 'and', conditions: [] }, person('p1'))).toBe(true);
  });

  it('counts and sums no rows as 0', () => {
    expect(holds(related({ fn: 'count', op: 'eq', value: 0 }), [])).toBe(true);
    expect(holds(related({ fn: 'sum', field: total, op: 'eq', value: 0 }), [])).toBe(true);
    expect(holds(related({ fn: 'sum', field: total, op: 'eq', value: 0 }), [{ total: null }])).toBe(true);
  });

  it('gives null for avg, min and max of no rows or only nulls, which only ne matches', () => {
    for (const fn of ['avg', 'min', 'max'] as const) {
      for (const orders of [[], [{ total: null }]]) {
        expect(holds(related({ fn, field: total, op: 'ne', value: 1 }), orders), fn).toBe(true);
        expect(holds(related({ fn, field: total, op: 'lt', value: 1 }), orders), fn).toBe(false);
        expect(holds(related({ fn, field: total, op: 'gte', value: 1 }), orders), fn).toBe(false);
      }
    }
  });

  it('reads values of the wrong type as null in aggregates', () => {
    const amount = {
      operand: { kind: 'jsonPath', column: 'custom', path: ['amount'] },
      type: 'number',
    } as const;
    const orders = [{ custom: { amount: 5 } }, { custom: { amount: '7' } }, { custom: {} }];
    expect(holds(related({ fn: 'sum', field: amount, op: 'eq', value: 5 }), orders)).toBe(true);
    expect(holds(related({ fn: 'avg', field: amount, op: 'eq', value: 5 }), orders)).toBe(true);
  });

  it('orders min and max of dates by code point and of numbers numerically', () => {
    const orders = [
      { total: 9, ordered_on: '2024-02-29' },
      { total: 10, ordered_on: '2023-12-31' },
    ];
    const orderedOn = field('ordered_on', 'date');
    expect(holds(related({ fn: 'max', field: total, op: 'eq', value: 10 }), orders)).toBe(true);
    expect(holds(related({ fn: 'min', field: orderedOn, op: 'eq', value: '2023-12-31' }), orders)).toBe(true);
    expect(holds(related({ fn: 'max', field: orderedOn, op: 'eq', value: '2024-02-29' }), orders)).toBe(true);
  });

  it('applies where before aggregating, and negate as the plain complement', () => {
    const big = { kind: 'compare', field: total, op: 'gt', value: 5, caseInsensitive: false } as const;
    const orders = [{ total: 3 }, { total: 8 }, { total: null }];
    expect(holds(related({ fn: 'count', op: 'eq', value: 1 }, big), orders)).toBe(true);
    expect(holds(related({ fn: 'exists' }, big, true), orders)).toBe(false);
    expect(
      holds({ kind: 'not', condition: related({ fn: 'avg', field: total, op: 'gt', value: 100 }) }, orders),
    ).toBe(true);
  });

  it('evaluates related conditions nested in the where of another', () => {
    const lines: Relation = { table: 'lines', link: 'column', foreignColumn: 'order_id', localColumn: 'id' };
    const hasLines: Condition = {
      kind: 'related',
      relation: lines,
      aggregate: { fn: 'exists' },
      negate: false,
    };
    const rows: Record<string, Row[]> = {
      orders: [order('o1', 'p1'), order('o2', 'p2')],
      lines: [{ tenant_id: 't1', id: 'l1', order_id: 'o2' }],
    };
    const matches = compileCondition(
      related({ fn: 'exists' }, hasLines),
      createRelatedRows((table) => rows[table] ?? []),
    );
    expect([person('p1'), person('p2')].filter(matches).map((row) => row.id)).toEqual(['p2']);
  });

  it('refuses malformed aggregates with INVALID_FILTER when compiled', () => {
    const source = sourceOf([]);
    const refuse = (aggregate: unknown) =>
      expect(() => compileCondition(related(aggregate as RelatedAggregate), source)).toThrow(invalid);
    refuse({ fn: 'sum', field: field('name', 'text'), op: 'gt', value: 1 });
    refuse({ fn: 'min', field: field('active', 'boolean'), op: 'eq', value: true });
    refuse({ fn: 'count', op: 'gt', value: '1' });
    refuse({ fn: 'max', field: field('ordered_on', 'date'), op: 'gt', value: 20240101 });
    refuse({ fn: 'count', op: 'like', value: 1 });
    refuse({ fn: 'median', field: total, op: 'gt', value: 1 });
    const unknownLink = { ...related({ fn: 'exists' }), relation: { ...ordersOf, link: 'join' } };
    expect(() => compileCondition(unknownLink as unknown as Condition, source)).toThrow(invalid);
  });
});
