/** Every error code Rapport raises. Stable: hosts may switch on them. */
export type RapportErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'DUPLICATE'
  | 'INVALID_REFERENCE'
  | 'REFERENCED'
  | 'FORBIDDEN'
  | 'INVALID_FILTER'
  | 'INVALID_CURSOR'
  | 'INVALID_TRANSITION'
  | 'TYPE_CHANGE_REFUSED'
  | 'MIGRATION_FAILED'
  | 'MISUSE'
  | 'STORAGE_ERROR'
  /** A remote client got no answer from the CRM's server: a network failure or a reply that is not Rapport's. */
  | 'UNAVAILABLE'
  /** The host's server refused a remote call because the request carried no valid sign-in (HTTP 401). */
  | 'UNAUTHENTICATED';

/**
 * One problem found in an input, shaped like a zod issue so forms can show it next to its field.
 *
 * @example
 * ```ts
 * { code: 'invalid_format', path: ['emails', 0, 'address'], message: 'Invalid email address' }
 * ```
 */
export interface RapportIssue {
  readonly code: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Options of {@link RapportError}: the issues of a validation error and any machine-readable details. */
export interface RapportErrorOptions {
  readonly issues?: readonly RapportIssue[];
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/**
 * The one error class of Rapport. `code` says what went wrong; `issues` says where, for validation.
 *
 * @example
 * ```ts
 * try {
 *   await crm.people.update(id, { firstName: 'Ann' }, { version: 1 });
 * } catch (error) {
 *   if (isRapportError(error, 'VERSION_CONFLICT')) reloadAndRetry();
 * }
 * ```
 */
export class RapportError extends Error {
  // A literal name survives minifiers that rename constructors.
  override readonly name = 'RapportError' as const;
  readonly code: RapportErrorCode;
  readonly issues: readonly RapportIssue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: RapportErrorCode, message: string, options: RapportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }

  /** The issues grouped by field path, ready for a form: `{ 'emails.0.address': ['Invalid email'] }`. */
  fieldErrors(): Record<string, string[]> {
    const grouped: Record<string, string[]> = {};
    for (const issue of this.issues) {
      const key = issue.path.join('.');
      grouped[key] = [...(grouped[key] ?? []), issue.message];
    }
    return grouped;
  }

  toJSON(): {
    name: 'RapportError';
    code: RapportErrorCode;
    message: string;
    issues: readonly RapportIssue[];
    details: Readonly<Record<string, unknown>>;
  } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      issues: this.issues,
      details: this.details,
    };
  }
}

/**
 * True when `error` is a Rapport error, optionally of one code. Checks the shape, not only `instanceof`,
 * so it holds across duplicated package copies.
 *
 * @example
 * ```ts
 * if (isRapportError(error, 'DUPLICATE')) console.log(error.details.fields);
 * ```
 */
export function isRapportError(error: unknown, code?: RapportErrorCode): error is RapportError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  if (candidate.name !== 'RapportError' || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}

/** A VALIDATION_FAILED error carrying every issue found. */
export function validationError(issues: readonly RapportIssue[], message?: string): RapportError {
  const summary = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return new RapportError('VALIDATION_FAILED', message ?? `Validation failed: ${summary}`, { issues });
}
