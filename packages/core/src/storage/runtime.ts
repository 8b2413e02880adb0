/**
 * The runtime half of the storage layer, for the core barrel: the reference condition and ordering
 * semantics, and the in-memory adapter built on them. (`storage/index.ts` holds the contract's types.)
 */

export type { MemoryAdapterOptions } from '../memory/memory-adapter';
export { memoryAdapter } from '../memory/memory-adapter';
export type { RowComparator } from './compare-rows';
export { compileOrder } from './compare-rows';
export type { RowPredicate } from './evaluate-condition';
export { compileCondition, evaluateCondition } from './evaluate-condition';
export type { ListRows, RelatedRows } from './related-rows';
export { createRelatedRows, indexRelatedRows } from './related-rows';
