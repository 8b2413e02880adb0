import type { Condition } from '../../storage/condition';

/** One condition run against the dataset, with the ids it must match, written out by hand. */
export interface ConditionCase {
  /** The behaviour, as the test name. */
  readonly name: string;
  readonly where: Condition;
  /** The matching ids, sorted. */
  readonly expected: readonly string[];
}
