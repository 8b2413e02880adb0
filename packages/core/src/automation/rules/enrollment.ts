import { isRapportError, RapportError } from '../../errors/rapport-error';
import type { StorageReader, StorageWriter } from '../../storage/adapter';
import type { Row } from '../../storage/schema';
import type { Rule } from '../rule';
import { enrollmentsTableName } from './rule-tables';

/** What is known of one record under one rule. */
export interface Enrollment {
  readonly ruleId: string;
  readonly recordId: string;
  /** Whether the record met the rule when it was last checked. */
  readonly matching: boolean;
  /** How many times it enrolled. */
  readonly enrollments: number;
  readonly enrolledAt: string | null;
  readonly checkedAt: string;
}

const raced = (ruleId: string, recordId: string) =>
  new RapportError(
    'VERSION_CONFLICT',
    `The enrollment of ${recordId} in rule ${ruleId} changed meanwhile: retry`,
    {
      details: { entity: 'automationEnrollment', ruleId, recordId },
    },
  );

const enrollmentId = (ruleId: string, recordId: string) => `${ruleId}:${recordId}`;

function rowToEnrollment(row: Row): Enrollment {
  return {
    ruleId: row.rule_id as string,
    recordId: row.record_id as string,
    matching: row.matching as boolean,
    enrollments: row.enrollments as number,
    enrolledAt: (row.enrolled_at ?? null) as string | null,
    checkedAt: row.checked_at as string,
  };
}

/**
 * The enrollment state of a record under a rule, or undefined when the rule never looked at it.
 *
 * @example
 * ```ts
 * const state = await readEnrollment(storage, tenantId, rule.id, person.id);
 * ```
 */
export async function readEnrollment(
  reader: StorageReader,
  tenantId: string,
  ruleId: string,
  recordId: string,
): Promise<Enrollment | undefined> {
  const row = await reader.findById({
    table: enrollmentsTableName,
    tenantId,
    id: enrollmentId(ruleId, recordId),
  });
  return row === undefined ? undefined : rowToEnrollment(row);
}

/**
 * Whether a record that met (or did not meet) a rule now enrolls, by HubSpot's rule: only when it newly
 * matches (it did not match when last checked, or was never checked), unless the rule re-enrolls.
 * A pure function of the state, for `explain` and `dryRun`.
 *
 * @example
 * ```ts
 * wouldEnroll(rule, state, true); // false when the record already matched and the rule does not re-enroll
 * ```
 */
export function wouldEnroll(
  rule: Pick<Rule, 'reenroll'>,
  state: Enrollment | undefined,
  matches: boolean,
): boolean {
  if (!matches) return false;
  return rule.reenroll || state === undefined || !state.matching;
}

/**
 * Records whether a record meets a rule now, inside the caller's transaction, and says whether it enrolls
 * (see {@link wouldEnroll}). Of two writers that record the same record at once, one wins; the other gets
 * VERSION_CONFLICT (its transaction rolls back: some engines refuse any statement after a failed one),
 * and on its retry it reads the state the winner left, so a record never enrolls twice for one match.
 *
 * @example
 * ```ts
 * if (await recordEnrollment(tx, tenantId, rule, person.id, matches, now)) await enqueueJob(tx, ...);
 * ```
 */
export async function recordEnrollment(
  tx: StorageWriter,
  tenantId: string,
  rule: Pick<Rule, 'id' | 'reenroll'>,
  recordId: string,
  matches: boolean,
  at: string,
): Promise<boolean> {
  const id = enrollmentId(rule.id, recordId);
  const row = await tx.findById({ table: enrollmentsTableName, tenantId, id });
  const state = row === undefined ? undefined : rowToEnrollment(row);
  const enrolls = wouldEnroll(rule, state, matches);
  if (row === undefined) {
    await tx
      .insert({
        table: enrollmentsTableName,
        rows: [
          {
            tenant_id: tenantId,
            id,
            version: 1,
            rule_id: rule.id,
            record_id: recordId,
            matching: matches,
            enrollments: enrolls ? 1 : 0,
            enrolled_at: enrolls ? at : null,
            checked_at: at,
          },
        ],
      })
      .catch((error: unknown) => {
        throw isRapportError(error, 'DUPLICATE') ? raced(rule.id, recordId) : error;
      });
    return enrolls;
  }
  if (state?.matching === matches && !enrolls) return false;
  const count = await tx.update({
    table: enrollmentsTableName,
    tenantId,
    id,
    expectedVersion: row.version as number,
    values: {
      version: (row.version as number) + 1,
      matching: matches,
      enrollments: (row.enrollments as number) + (enrolls ? 1 : 0),
      enrolled_at: enrolls ? at : row.enrolled_at,
      checked_at: at,
    },
  });
  if (count === 0) throw raced(rule.id, recordId);
  return enrolls;
}
