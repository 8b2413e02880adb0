import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../storage/compare-text';
import { Partition } from './partition';

const idsOf = (partition: Partition) => [...partition.inOrder()].map((row) => row.id);

describe('Partition', () => {
  it('iterates keys inserted in order without re-sorting', () => {
    const partition = new Partition(compareCodePoints);
    for (const id of ['a', 'b', 'c']) partition.set(id, { id });
    expect(idsOf(partition)).toEqual(['a', 'b', 'c']);
  });

  it('re-sorts once after a key arrives out of order', () => {
    const partition = new Partition(compareCodePoints);
    for (const id of ['b', 'c', 'a']) partition.set(id, { id });
    expect(idsOf(partition)).toEqual(['a', 'b', 'c']);
    partition.set('d', { id: 'd' });
    expect(idsOf(partition)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps a replaced row in its place', () => {
    const partition = new Partition(compareCodePoints);
    for (const id of ['a', 'b', 'c']) partition.set(id, { id });
    partition.set('b', { id: 'b', changed: true });
    expect([...partition.inOrder()]).toEqual([{ id: 'a' }, { id: 'b', changed: true }, { id: 'c' }]);
  });

  it('puts a deleted key inserted again back in key order', () => {
    const partition = new Partition(compareCodePoints);
    for (const id of ['a', 'b', 'c']) partition.set(id, { id });
    partition.delete('a');
    partition.set('a', { id: 'a' });
    expect(idsOf(partition)).toEqual(['a', 'b', 'c']);
  });

  it('orders keys by code point, not by UTF-16 unit', () => {
    const partition = new Partition(compareCodePoints);
    for (const id of ['\u{1F600}', '\uFF5E']) partition.set(id, { id });
    expect(idsOf(partition)).toEqual(['\uFF5E', '\u{1F600}']);
  });
});
