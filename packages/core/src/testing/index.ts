/**
 * Test utilities for adapter authors: the storage adapter suite, and the records-level CRM conformance
 * suite that runs the whole records API over an adapter.
 *
 * @module @rapport/core/testing
 */
export { describeStorageAdapterSuite } from './adapter-suite/describe-storage-adapter-suite';
export type { MakeAdapter, StorageAdapterSuiteOptions } from './adapter-suite/suite-context';
export { describeCrmConformance } from './crm-suite/describe-crm-conformance';
export type { MakeStorage } from './crm-suite/harness';
