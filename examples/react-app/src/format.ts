/** Display helpers: money is stored in minor units with its currency, instants as ISO strings. */

/** `1250000, 'EUR'` → `€12,500`. */
export function formatMoney(minorUnits: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    minorUnits / 100,
  );
}

/** A compact amount for chart labels: `€12.5K`. */
export function formatCompactMoney(minorUnits: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency, notation: 'compact' }).format(
    minorUnits / 100,
  );
}

/** An instant or a date as a short date: `Mar 4, 2026`. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** `lead` → `Lead`. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
