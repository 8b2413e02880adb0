import type { RapportErrorCode } from '../../errors/rapport-error';
import { isRapportError } from '../../errors/rapport-error';

/**
 * An error as a form shows it: the code to switch on, a message, and the messages of each field by its
 * path (`emails.0.address`). `cause` is the error thrown, for logging.
 *
 * @example
 * ```tsx
 * const { error } = useUpdate('person');
 * <input name="firstName" aria-invalid={Boolean(error?.fieldErrors.firstName)} />
 * {error?.code === 'VERSION_CONFLICT' && <p>Someone else saved this record first. Reload it.</p>}
 * ```
 */
export interface HookError {
  /** The Rapport error code, or `UNKNOWN` for anything else (a network failure, a bug). */
  readonly code: RapportErrorCode | 'UNKNOWN';
  readonly message: string;
  readonly fieldErrors: Readonly<Record<string, string[]>>;
  readonly cause: unknown;
}

const converted = new WeakMap<object, HookError>();

function fieldErrorsOf(issues: readonly { path: readonly (string | number)[]; message: string }[]) {
  const grouped: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.join('.');
    grouped[key] = [...(grouped[key] ?? []), issue.message];
  }
  return grouped;
}

function convert(error: unknown): HookError {
  if (isRapportError(error)) {
    return {
      code: error.code,
      message: error.message,
      fieldErrors: fieldErrorsOf(Array.isArray(error.issues) ? error.issues : []),
      cause: error,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'UNKNOWN', message, fieldErrors: {}, cause: error };
}

/**
 * The form-friendly shape of any thrown value; the same object for the same error, so results that hold
 * it stay equal.
 *
 * @example
 * ```ts
 * toHookError(new RapportError('VERSION_CONFLICT', 'Stale')).code; // 'VERSION_CONFLICT'
 * ```
 */
export function toHookError(error: unknown): HookError {
  if (typeof error !== 'object' || error === null) return convert(error);
  const known = converted.get(error);
  if (known !== undefined) return known;
  const result = convert(error);
  converted.set(error, result);
  return result;
}
