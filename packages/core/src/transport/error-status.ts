import type { RapportErrorCode } from '../errors/rapport-error';

/**
 * The HTTP status a server handler answers each error code with. Every refusal of well-formed input by
 * the CRM's rules (a bad filter, a stale cursor, a stage move the pipeline forbids, a reference to a
 * missing record) is 422, like a validation failure: the request was understood and refused as it is.
 * MISUSE is 400: the request itself is wrong. Codes a client cannot cause or fix are 500.
 */
export const errorStatus: { readonly [C in RapportErrorCode]: number } = {
  VALIDATION_FAILED: 422,
  INVALID_FILTER: 422,
  INVALID_CURSOR: 422,
  INVALID_TRANSITION: 422,
  INVALID_REFERENCE: 422,
  MISUSE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  REFERENCED: 409,
  TYPE_CHANGE_REFUSED: 409,
  UNAVAILABLE: 503,
  MIGRATION_FAILED: 500,
  STORAGE_ERROR: 500,
};
