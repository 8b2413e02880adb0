import type { Emitter } from 'mitt';
import type { AccessPolicy } from '../access/access-policy';
import type { AutomationHostOptions } from '../automation/actions/action-types';
import type { CrmEvents } from '../events/crm-events';
import type { StorageAdapter } from '../storage/adapter';
import type { WriteHook } from './write-hooks';

/** What every repository of a CRM shares: storage, the access seam, the event bus and the clock. */
export interface CrmRuntime {
  readonly storage: StorageAdapter;
  readonly access: AccessPolicy;
  readonly events: Emitter<CrmEvents>;
  /** The current instant; tests pass a controllable clock. */
  readonly now: () => Date;
  /** What keeps derived state current inside every write's transaction (customer value, ...). */
  readonly writeHooks?: readonly WriteHook[];
  /** What the host registered for automation actions: message channels, webhook secrets, coupon hook. */
  readonly automation?: AutomationHostOptions;
}
