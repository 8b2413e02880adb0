import { describe, expect, it } from 'vitest';
import type { Rule } from '../rule';
import { compileRule, matchesFact, triggerMismatch } from './compile-rule';
import { RuleIndex } from './rule-index';
import { ruleInputSchema } from './rule-schema';

const base: Rule = {
  id: 'r1',
  name: 'r1',
  trigger: { kind: 'recordUpdated', entity: 'person', fields: ['lifecycleStage'] },
  condition: null,
  actions: [{ kind: 'addTags', tags: ['x'] }],
  reenroll: false,
  active: true,
  version: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  archivedAt: null,
};
const filterContext = { entity: 'person' as const, now: new Date('2025-01-15T09:30:00Z') };

describe('compileRule', () => {
  it('evaluates filter parts on the row and change operators on the change', () => {
    const compiled = compileRule(
      {
        ...base,
        condition: {
          all: [
            { field: 'region', op: 'eq', value: 'North' },
            {
              any: [
                { field: 'lifecycleStage', op: 'changedFrom', value: 'lead' },
                { not: { field: 'region', op: 'changed' } },
              ],
            },
          ],
        },
      },
      { filterContext },
    );
    expect(compiled.filterConditions).toHaveLength(1);
    const row = { id: 'p1', region: 'North' };
    expect(
      matchesFact(compiled, { row, changes: { lifecycleStage: { before: 'lead', after: 'customer' } } }),
    ).toBe(true);
    expect(matchesFact(compiled, { row, changes: { region: { before: 'South', after: 'North' } } })).toBe(
      false,
    );
    expect(matchesFact(compiled, { row: { id: 'p1', region: 'South' } })).toBe(false);
  });

  it('says why a trigger does not listen to an event', () => {
    const event = { kind: 'recordUpdated', entity: 'person', changedFields: ['phone'] } as const;
    expect(triggerMismatch(base, event)).toBe('None of lifecycleStage changed');
    expect(triggerMismatch(base, { ...event, changedFields: ['lifecycleStage'] })).toBeUndefined();
  });
});

describe('RuleIndex', () => {
  it('hands an update only the rules listening to its entity and fields', () => {
    const any = compileRule({ ...base, id: 'any', trigger: { kind: 'recordUpdated', entity: 'person' } });
    const stage = compileRule(base);
    const deal = compileRule({ ...base, id: 'deal', trigger: { kind: 'dealStageChanged' } });
    const paused = compileRule({ ...base, id: 'paused', active: false });
    const index = new RuleIndex([any, stage, deal, paused]);
    const ids = (changedFields: string[], entity: 'person' | 'deal' = 'person') =>
      index.candidates({ kind: 'recordUpdated', entity, changedFields }).map((c) => c.rule.id);
    expect(ids(['phone'])).toEqual(['any']);
    expect(ids(['phone', 'lifecycleStage'])).toEqual(['any', 'r1']);
    expect(ids(['stageId'], 'deal')).toEqual(['deal']);
    expect(index.size).toBe(3);
  });
});

describe('ruleInputSchema', () => {
  it('refuses a coupon with both kinds of discount and a wait with neither', () => {
    const parsed = ruleInputSchema.safeParse({
      name: 'x',
      trigger: { kind: 'manual', entity: 'person' },
      actions: [{ kind: 'issueCoupon', percentOff: 10, amountOff: 100, validDays: 30 }, { kind: 'wait' }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([
      ['actions', 0, 'percentOff'],
      ['actions', 1, 'days'],
    ]);
  });
});
