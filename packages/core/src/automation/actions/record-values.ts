import type { EntityName } from '../../entities/entity-name';
import { entityDef } from '../../entities/registry';
import { isRapportError } from '../../errors/rapport-error';
import type { CrmContext } from '../../records/context';
import { Repository } from '../../records/repository';
import type { CrmRuntime } from '../../records/runtime';
import type { AutomationRecordRef } from './action-types';

type Loaded = Readonly<Record<string, unknown>>;

/** Reads one record as the session's actor; null when it is gone (or out of reach). */
export async function readRecord(
  runtime: CrmRuntime,
  context: CrmContext,
  entity: EntityName,
  id: unknown,
): Promise<Loaded | null> {
  if (typeof id !== 'string') return null;
  try {
    const repository = new Repository({ runtime, context, entity: entityDef(entity) });
    return (await repository.get(id)) as unknown as Loaded;
  } catch (error) {
    if (isRapportError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/**
 * What a message template sees for one record: the record itself (`record`, and under its entity's name),
 * the person, company and deal it belongs to, and its owner. A deal's person is its first person.
 *
 * @example
 * ```ts
 * const values = await recordValues(runtime, context, { entity: 'person', id });
 * values.company?.name;
 * ```
 */
export async function recordValues(
  runtime: CrmRuntime,
  context: CrmContext,
  ref: AutomationRecordRef,
): Promise<Record<string, Loaded | null>> {
  const record = await readRecord(runtime, context, ref.entity, ref.id);
  const values: Record<string, Loaded | null> = { record, [ref.entity]: record };
  if (record === null) return values;
  const personIds = record.personIds as readonly string[] | undefined;
  if (values.person === undefined)
    values.person = await readRecord(runtime, context, 'person', record.personId ?? personIds?.[0]);
  if (values.deal === undefined) values.deal = await readRecord(runtime, context, 'deal', record.dealId);
  if (values.company === undefined)
    values.company = await readRecord(
      runtime,
      context,
      'company',
      record.companyId ?? values.person?.companyId ?? values.deal?.companyId,
    );
  values.owner = await readRecord(runtime, context, 'member', record.ownerId ?? record.assigneeId);
  return values;
}
