import type { EntityName } from '../../entities/entity-name';
import type { Changes } from '../../events/crm-events';

/**
 * What happened, as the trigger consumer reads it from the outbox (and the audit log for the change):
 * a record created, updated or deleted, or a record entering or leaving a segment. `chainDepth` is how
 * many automation runs led to it (0 for a person's own write), so a chain of rules can be cut off.
 */
export type TriggerEvent =
  | {
      readonly kind: 'record';
      readonly eventId: string;
      readonly action: 'created' | 'updated' | 'deleted';
      readonly entity: EntityName;
      readonly recordId: string;
      readonly version: number;
      /** Field name (`custom.<key>` for custom fields) to its value before and after. */
      readonly changes: Changes;
      readonly chainDepth: number;
    }
  | {
      readonly kind: 'segment';
      readonly eventId: string;
      readonly entered: boolean;
      readonly segmentId: string;
      readonly entity: EntityName;
      readonly recordId: string;
      readonly chainDepth: number;
    };
