/** The values a message template can name: `person`, `company`, `deal`, `owner`, `record`, `rule`, `coupon`. */
export type TemplateValues = Readonly<Record<string, unknown>>;

// A dotted path of plain names, with optional spaces inside the braces: `{{ person.firstName }}`.
const placeholder = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}/g;

/** One step down a path, through own properties only: `constructor` or `__proto__` find nothing. */
function step(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}

/** How a value is written into text: scalars as text, lists of scalars joined, anything else empty. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value))
    return value
      .filter((item) => typeof item !== 'object')
      .map(asText)
      .join(', ');
  return '';
}

/**
 * Fills a template's `{{path}}` placeholders from `values`. A missing value renders empty; values are
 * inserted as plain text, never evaluated and never escaped (the sender knows its medium: an HTML email
 * sender escapes them), and a placeholder that is not a dotted path of names stays as written.
 *
 * @example
 * ```ts
 * renderTemplate('Hi {{person.firstName}} from {{company.name}}', { person: { firstName: 'Ann' } });
 * // 'Hi Ann from '
 * ```
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(placeholder, (_match, path: string) =>
    asText(path.split('.').reduce<unknown>(step, values)),
  );
}
