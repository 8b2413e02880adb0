import type { NormalizeSettings } from './define-entity';

/** The `defaults` hook of entities with money: a missing currency is the tenant's default currency. */
export function defaultCurrency(
  input: Record<string, unknown>,
  settings: NormalizeSettings,
): Record<string, unknown> {
  return input.currency === undefined || input.currency === null
    ? { ...input, currency: settings.defaultCurrency }
    : input;
}
