import fc from 'fast-check';

const defaultSeed = 20_250_115;

function readSeed(): number {
  const text = process.env.FC_SEED;
  if (text === undefined || text === '') return defaultSeed;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, not '${text}'.`);
  return seed;
}

/**
 * The seed of every generator of a run: fixed, so a run repeats exactly, unless `FC_SEED` says otherwise
 * (`FC_SEED=7 npx vitest run tests/differential` explores other datasets and conditions).
 */
export const runSeed = readSeed();

/**
 * Draws one value of `arbitrary`, deterministically from the run seed and `salt`.
 *
 * @example
 * ```ts
 * const dataset = sampleOne(datasetArbitrary, 1);
 * ```
 */
export function sampleOne<T>(arbitrary: fc.Arbitrary<T>, salt: number): T {
  // Without bias: fast-check's first runs favour small values, and a dataset should be of any size.
  const [value] = fc.sample(fc.noBias(arbitrary), { seed: runSeed + salt, numRuns: 1 });
  if (value === undefined) throw new Error('fast-check drew no value.');
  return value;
}

/**
 * Runs a property for `numRuns` cases from the run seed and `salt`. On failure the error names the run
 * seed to reproduce it with, above fast-check's report of the shrunk counterexample.
 *
 * @example
 * ```ts
 * await checkProperty(fc.asyncProperty(queryArbitrary(catalogue), check), { numRuns: 2_500, salt: 1 });
 * ```
 */
export async function checkProperty<T>(
  property: fc.IAsyncProperty<T>,
  options: { readonly numRuns: number; readonly salt: number },
): Promise<void> {
  const result = await fc.check(property, { seed: runSeed + options.salt, numRuns: options.numRuns });
  if (result.failed) {
    const cause =
      result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    // A counterexample may hold a thousand nodes: each line is cut so the report stays readable.
    const report = (fc.defaultReportMessage(result) ?? '')
      .split('\n')
      .map((line) => (line.length > 3_000 ? `${line.slice(0, 3_000)}... (${line.length} characters)` : line))
      .join('\n');
    throw new Error(
      `Differential mismatch with FC_SEED=${runSeed} (rerun: FC_SEED=${runSeed} npx vitest run tests/differential)\n${report}\n\nWhat differed (shrunk counterexample):\n${cause}`,
    );
  }
}
