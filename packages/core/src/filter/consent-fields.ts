import type { FieldResolution } from './field-resolver';

/** The kinds of consent a person gives, each a boolean in `person.consent`. */
export const consentKinds = ['email', 'sms', 'phone'] as const;

/**
 * Resolves `consent.email`, `consent.sms` and `consent.phone` of people: booleans inside the `consent`
 * JSON column, so segments and rule conditions can select the people a message may go to.
 * Undefined for any other name.
 *
 * @example
 * ```ts
 * resolveConsentField('person', 'consent.email'); // { ok: true, ref: { operand: { kind: 'jsonPath', column: 'consent', path: ['email'] }, type: 'boolean' } }
 * ```
 */
export function resolveConsentField(entity: string, name: string): FieldResolution | undefined {
  if (!name.startsWith('consent.')) return undefined;
  if (entity !== 'person')
    return { ok: false, message: `"${name}" is a consent of people, not of ${entity}` };
  const kind = name.slice('consent.'.length);
  if (!(consentKinds as readonly string[]).includes(kind))
    return {
      ok: false,
      message: `Unknown consent "${kind}"; use consent.email, consent.sms or consent.phone`,
    };
  return {
    ok: true,
    ref: { operand: { kind: 'jsonPath', column: 'consent', path: [kind] }, type: 'boolean' },
  };
}
