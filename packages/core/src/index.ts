export { RapportError, isRapportError, validationError } from './errors/rapport-error';
export type { RapportErrorCode, RapportErrorOptions, RapportIssue } from './errors/rapport-error';
export type * from './storage/index';
