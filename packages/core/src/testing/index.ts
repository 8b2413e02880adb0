/**
 * Test utilities for adapter authors: the conformance suite every storage adapter runs.
 *
 * @module @rapport/core/testing
 */
export { describeStorageAdapterSuite } from './adapter-suite/describe-storage-adapter-suite';
export type { MakeAdapter, StorageAdapterSuiteOptions } from './adapter-suite/suite-context';
export { describeCrmConformance } from './crm-suite/describe-crm-conformance';
export type { MakeStorage } from './crm-suite/harness';
