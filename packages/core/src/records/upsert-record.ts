import { isRapportError, RapportError, validationError } from '../errors/rapport-error';
import { columnEquals } from './conditions';
import { createRecords } from './create-records';
import { rowMapping } from './row-mapping';
import { loadTenantConfig } from './tenant-config';
import { commitUpdate, planUpdate } from './update-record';
import { validateInput } from './validate-input';
import type { WriteScope } from './write-scope';

/** What an upsert did. */
export interface UpsertResult<T> {
  readonly record: T;
  readonly created: boolean;
}

// A lost race means another writer's upsert of the key succeeded, so each round lets at least one writer
// through: n concurrent upserts of one key finish within n attempts. The bound only stops a runaway loop.
const attempts = 16;

/** The key value an input carries, after normalisation (a person's primary email, a domain). */
function keyValue(
  scope: WriteScope,
  by: string,
  input: unknown,
  config: Awaited<ReturnType<typeof loadTenantConfig>>,
): string {
  const at = scope.runtime.now().toISOString();
  const validated = validateInput({
    entity: scope.entity,
    config,
    input,
    storedCustom: {},
    isCreate: true,
    at,
  });
  if (!validated.ok) throw validationError(validated.issues);
  const value = validated.values[by];
  if (typeof value !== 'string')
    throw validationError([{ code: 'required', path: [by], message: `An upsert by ${by} needs a ${by}` }]);
  return value;
}

/**
 * Creates the record, or updates the one with the same unique key. Concurrent upserts of one key leave one
 * record: a create that loses the race to another becomes an update.
 */
export async function upsertRecord(
  scope: WriteScope,
  by: string,
  input: unknown,
): Promise<UpsertResult<Record<string, unknown>>> {
  const { runtime, context, entity } = scope;
  if (!entity.uniqueKeys.includes(by)) {
    throw new RapportError(
      'MISUSE',
      `${entity.name} upserts by ${entity.uniqueKeys.join(' or ')}, not ${by}`,
    );
  }
  const config = await loadTenantConfig(runtime.storage, context.tenantId, entity);
  const value = keyValue(scope, by, input, config);
  const column = entity.allFields[by]?.column as string;
  for (let attempt = 1; ; attempt++) {
    const [row] = await runtime.storage.findMany({
      table: entity.table,
      tenantId: context.tenantId,
      where: columnEquals(column, value),
      limit: 1,
    });
    try {
      if (row === undefined)
        return {
          record: (await createRecords(scope, [input], false))[0] as Record<string, unknown>,
          created: true,
        };
      const current = rowMapping(entity).toRecord(row);
      return {
        record: await commitUpdate(
          scope,
          config,
          current,
          planUpdate(scope, config, current, input),
          undefined,
        ),
        created: false,
      };
    } catch (error) {
      // Only a clash on the upsert key means another writer created the record first; a duplicate rule's
      // refusal (which names its rule) will not change on a retry.
      const lostRace =
        isRapportError(error, 'VERSION_CONFLICT') ||
        (isRapportError(error, 'DUPLICATE') && row === undefined && error.details.rule === undefined);
      if (!lostRace || attempt === attempts) throw error;
    }
  }
}
