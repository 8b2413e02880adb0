import { entityDef } from '../../entities/registry';
import { Repository } from '../../records/repository';
import type { ExecuteActionArgs } from './action-types';
import { automationReason } from './audit-reason';

function repositoryOf(args: ExecuteActionArgs) {
  return new Repository({
    runtime: args.runtime,
    context: args.context,
    entity: entityDef(args.record.entity),
  });
}

/**
 * Updates fields of the rule's record through the write path (validation, hooks, audit entry naming the
 * rule, outbox event). Running it again writes nothing new: the same values change nothing.
 *
 * @example
 * ```ts
 * await updateFields(args, { lifecycleStage: 'customer', custom: { welcomed: true } });
 * ```
 */
export async function updateFields(
  args: ExecuteActionArgs,
  values: Readonly<Record<string, unknown>>,
): Promise<void> {
  const repository = repositoryOf(args);
  const current = (await repository.get(args.record.id)) as { version: number };
  await repository.update(args.record.id, values as never, {
    version: current.version,
    reason: automationReason(args.rule),
  });
}

/**
 * Adds or removes tags of the rule's record, keeping the others and their order. A second run finds the
 * tags as wanted and writes nothing.
 *
 * @example
 * ```ts
 * await changeTags(args, ['vip'], 'add');
 * ```
 */
export async function changeTags(
  args: ExecuteActionArgs,
  tags: readonly string[],
  mode: 'add' | 'remove',
): Promise<void> {
  const repository = repositoryOf(args);
  const current = (await repository.get(args.record.id)) as { version: number; tags?: string[] };
  const before = current.tags ?? [];
  const after =
    mode === 'add'
      ? [...before, ...tags.filter((tag) => !before.includes(tag))]
      : before.filter((tag) => !tags.includes(tag));
  if (after.length === before.length && after.every((tag, index) => tag === before[index])) return;
  await repository.update(args.record.id, { tags: after } as never, {
    version: current.version,
    reason: automationReason(args.rule),
  });
}
