import { describe, expect, it } from 'vitest';
import { conditionFilter } from './condition-filter';

const changes = { stageId: { before: 'open', after: 'won' } };

describe('conditionFilter', () => {
  it('decides change operators on the change and keeps filter nodes', () => {
    expect(
      conditionFilter(
        {
          all: [
            { field: 'stageId', op: 'changedTo', value: 'won' },
            { field: 'stageId', op: 'changedFrom', value: 'won' },
            { not: { field: 'amount', op: 'changed' } },
            { field: 'name', op: 'eq', value: 'x' },
          ],
        },
        changes,
      ),
    ).toEqual({
      all: [{ all: [] }, { any: [] }, { not: { any: [] } }, { field: 'name', op: 'eq', value: 'x' }],
    });
  });

  it('never holds a change operator without a change', () => {
    expect(conditionFilter({ field: 'stageId', op: 'changed' }, null)).toEqual({ any: [] });
  });
});
