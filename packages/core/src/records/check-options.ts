import { RapportError } from '../errors/rapport-error';

function invalid(path: (string | number)[], message: string): never {
  throw new RapportError('VALIDATION_FAILED', message, { issues: [{ code: 'invalid_type', path, message }] });
}

/** An options argument is absent or an object: `list(null)` is a caller's mistake, reported as such. */
export function checkOptions<T extends object>(options: T | undefined | null, method: string): T | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    invalid([], `${method} takes an options object`);
  return options;
}

/** A list option (`select`, `include`, `ids`) is absent or an array. */
export function checkList<T>(value: readonly T[] | undefined, name: string): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) invalid([name], `${name} is a list`);
  return value;
}
