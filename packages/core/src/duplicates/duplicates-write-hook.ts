import { RapportError } from '../errors/rapport-error';
import type { WriteHook, WrittenRecord } from '../records/write-hooks';
import { publishDuplicateEvents, writeSuspectedEvents } from './duplicate-events';
import type { MatchOn } from './duplicate-rules';
import { findMatches } from './find-matches';
import { syncMatchKeys } from './match-keys-store';
import type { DuplicateEntity } from './match-profile';
import { duplicateEntities, isDuplicateEntity, profileOf } from './match-profile';
import type { RuleMatch } from './match-rules';
import { loadDuplicateRules } from './rules-store';

/** The input field a form shows a rule's refusal next to. */
const fieldOf: Record<DuplicateEntity, Record<MatchOn, string>> = {
  person: { email: 'emails', phone: 'phones', domain: 'domain', name: 'lastName' },
  company: { email: 'emails', phone: 'phones', domain: 'domain', name: 'name' },
};

function blocked(
  entity: DuplicateEntity,
  index: number | undefined,
  match: RuleMatch,
  all: readonly RuleMatch[],
): RapportError {
  const ids = match.records.map((record) => record.id);
  const path = [...(index === undefined ? [] : [index]), fieldOf[entity][match.on]];
  return new RapportError(
    'DUPLICATE',
    `This ${entity} matches ${ids.join(', ')} by the duplicate rule "${match.rule}"`,
    {
      issues: [{ code: 'duplicate', path, message: `Matches an existing ${entity} (rule ${match.rule})` }],
      details: {
        entity,
        rule: match.rule,
        recordIds: ids,
        matches: all,
        ...(index === undefined ? {} : { index }),
      },
    },
  );
}

const isCreated = (write: WrittenRecord) =>
  write.action === 'created' && write.after !== undefined && isDuplicateEntity(write.entity);

/**
 * Keeps the match keys of people and companies current in every write's transaction, and checks created
 * people and companies against the tenant's rules: a `block` rule that matches refuses the whole write
 * with DUPLICATE (naming the rule and the matching ids; in a batch, the index), a `warn` rule writes a
 * `duplicate.suspected` event with the create and publishes it after commit. Records created together
 * match each other too. An import (`importMany`) is left alone: its records get their keys from
 * `duplicates.reindex()`.
 *
 * @example
 * ```ts
 * const runtime: CrmRuntime = { ...rest, writeHooks: [duplicatesWriteHook] };
 * ```
 */
export const duplicatesWriteHook: WriteHook = async ({ tx, runtime, context, at, writes, isImport }) => {
  // An import leaves its keys to `duplicates.reindex()`: one set-based pass after the load instead of a
  // lookup per record, which would cost more than the load itself.
  if (isImport === true || !writes.some((write) => isDuplicateEntity(write.entity))) return undefined;
  await syncMatchKeys(tx, context.tenantId, writes);
  if (!writes.some(isCreated)) return undefined;
  const { rules } = await loadDuplicateRules(tx, context.tenantId);
  const suspects: { entity: DuplicateEntity; recordId: string; matches: RuleMatch[] }[] = [];
  for (const entity of duplicateEntities) {
    const created = writes.filter((write) => isCreated(write) && write.entity === entity);
    if (created.length === 0) continue;
    const profiles = created.map((write) => profileOf(entity, write.after as Record<string, unknown>));
    const found = await findMatches(tx, context.tenantId, entity, rules, profiles);
    found.forEach((matches, position) => {
      const block = matches.find((match) => match.action === 'block');
      if (block !== undefined) {
        const index = writes.length > 1 ? writes.indexOf(created[position] as WrittenRecord) : undefined;
        throw blocked(entity, index, block, matches);
      }
      const warnings = matches.filter((match) => match.action === 'warn');
      if (warnings.length > 0)
        suspects.push({ entity, recordId: profiles[position]?.id as string, matches: warnings });
    });
  }
  if (suspects.length === 0) return undefined;
  const events = await writeSuspectedEvents(tx, context, at, suspects);
  return () => publishDuplicateEvents(runtime, events);
};
