import type { EntityName } from '../../entities/entity-name';
import type { Changes } from '../../events/crm-events';
import type { RelatedRows } from '../../storage/related-rows';
import type { Row } from '../../storage/schema';

/**
 * What a rule is evaluated over: the record's row as stored (column names, `custom` as an object), the
 * change that started it (field names as the audit log keys them: `stageId`, `custom.tier`), and a source
 * of related rows when the condition reads related records.
 *
 * @example
 * ```ts
 * const fact: RuleFact = {
 *   row: { id: 'p1', region: 'North', lifecycle_stage: 'lead', custom: { tier: 'gold' } },
 *   changes: { lifecycleStage: { before: 'lead', after: 'customer' } },
 * };
 * ```
 */
export interface RuleFact {
  readonly row: Row;
  readonly changes?: Changes;
  readonly relatedRows?: RelatedRows;
}

/** What happened, as the index and triggers see it. */
export type RuleEvent =
  | {
      readonly kind: 'recordCreated' | 'recordUpdated' | 'recordDeleted';
      readonly entity: EntityName;
      /** The fields the change touched (`custom.<key>` for custom fields). */
      readonly changedFields: readonly string[];
    }
  | { readonly kind: 'segmentEntered' | 'segmentLeft'; readonly segmentId: string }
  | { readonly kind: 'date' | 'inactivity' | 'schedule'; readonly entity?: EntityName }
  | { readonly kind: 'manual'; readonly entity: EntityName }
  | { readonly kind: 'inbound'; readonly channel: string; readonly type?: string };
