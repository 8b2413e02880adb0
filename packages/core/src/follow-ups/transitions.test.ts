import { describe, expect, it } from 'vitest';
import type { WrittenRecord } from '../records/write-hooks';
import { followUpTransitions } from './transitions';

const deal = (status: string) => ({ id: 'd1', status });
const order = (status: string) => ({ id: 'o1', status });

describe('followUpTransitions', () => {
  it('sees a deal updated into won and an order updated into fulfilled', () => {
    const writes: WrittenRecord[] = [
      { entity: 'deal', action: 'updated', before: deal('open'), after: deal('won') },
      { entity: 'order', action: 'updated', before: order('confirmed'), after: order('fulfilled') },
    ];
    expect(followUpTransitions(writes)).toEqual([
      { trigger: 'dealWon', record: deal('won') },
      { trigger: 'orderFulfilled', record: order('fulfilled') },
    ]);
  });

  it('sees a deal created won and an order created fulfilled', () => {
    const writes: WrittenRecord[] = [
      { entity: 'deal', action: 'created', before: undefined, after: deal('won') },
      { entity: 'order', action: 'created', before: undefined, after: order('fulfilled') },
    ];
    expect(followUpTransitions(writes).map((transition) => transition.trigger)).toEqual([
      'dealWon',
      'orderFulfilled',
    ]);
  });

  it('ignores a won deal saved again, a lost deal, and records of other entities', () => {
    const writes: WrittenRecord[] = [
      { entity: 'deal', action: 'updated', before: deal('won'), after: deal('won') },
      { entity: 'deal', action: 'updated', before: deal('open'), after: deal('lost') },
      { entity: 'order', action: 'updated', before: order('fulfilled'), after: order('fulfilled') },
      { entity: 'task', action: 'created', before: undefined, after: { id: 't1', status: 'won' } },
    ];
    expect(followUpTransitions(writes)).toEqual([]);
  });

  it('ignores archiving, restoring and deleting a won deal', () => {
    const writes: WrittenRecord[] = [
      { entity: 'deal', action: 'archived', before: deal('won'), after: deal('won') },
      { entity: 'deal', action: 'restored', before: deal('won'), after: deal('won') },
      { entity: 'deal', action: 'deleted', before: deal('won'), after: undefined },
    ];
    expect(followUpTransitions(writes)).toEqual([]);
  });
});
