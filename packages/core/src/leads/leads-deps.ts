import type { CrmSession } from '../crm';
import type { CrmContext } from '../records/context';
import type { CrmRuntime } from '../records/runtime';

/**
 * What the leads module works with: the runtime, the caller, and the session of a runtime, so that its
 * writes take the very paths `crm.as(...)` offers (the deals path with its stage rules, ...), inside one
 * transaction.
 */
export interface LeadsDeps {
  readonly runtime: CrmRuntime;
  readonly context: CrmContext;
  readonly sessionOf: (runtime: CrmRuntime) => CrmSession;
}
