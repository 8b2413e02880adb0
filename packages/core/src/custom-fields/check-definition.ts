import { instant, isoDate } from '../entities/values';
import type { RapportIssue } from '../errors/rapport-error';
import type { CustomFieldDefinition } from './custom-field-definition';
import { indexableTypes, maxIndexedTextLength } from './custom-field-index';
import { uniqueCapableTypes } from './custom-field-types';
import { customValueSchema, storedBound } from './custom-value-schema';

const dateBoundSchema = { date: isoDate(), datetime: instant() };

const textTypes = new Set(['text', 'longText', 'email', 'phone', 'url']);

function patternIssue(pattern: string): RapportIssue | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch {
    return { code: 'invalid_pattern', path: ['pattern'], message: 'Not a valid regular expression' };
  }
}

/** The rules that tie a definition's settings to its type: options for selects, a target for relations, ... */
export function checkDefinition(definition: CustomFieldDefinition): RapportIssue[] {
  const issues: RapportIssue[] = [];
  const issue = (path: string, message: string) =>
    issues.push({ code: 'invalid_definition', path: [path], message });
  const isSelect = definition.type === 'select' || definition.type === 'multiSelect';
  if (isSelect && definition.options.length === 0) issue('options', 'A select field needs options');
  if (!isSelect && definition.options.length > 0) issue('options', 'Only select fields have options');
  const values = definition.options.map((option) => option.value);
  if (new Set(values).size !== values.length) issue('options', 'Option values must be unique');
  if (definition.type === 'relation' && definition.relationEntity === null)
    issue('relationEntity', 'A relation field names the entity it points at');
  if (definition.type !== 'relation' && definition.relationEntity !== null)
    issue('relationEntity', 'Only relation fields point at an entity');
  if (definition.unique && !uniqueCapableTypes.has(definition.type))
    issue('unique', `A ${definition.type} field cannot be unique`);
  if (definition.indexed && !indexableTypes.has(definition.type))
    issue('indexed', `A ${definition.type} field cannot be indexed`);
  if (
    definition.indexed &&
    definition.type === 'text' &&
    !(typeof definition.max === 'number' && definition.max <= maxIndexedTextLength)
  )
    issue('indexed', `An indexed text field needs a max length of at most ${maxIndexedTextLength}`);
  if (definition.scale !== null && definition.type !== 'decimal')
    issue('scale', 'Only decimal fields have a scale');
  if (definition.pattern !== null) {
    if (definition.type !== 'text' && definition.type !== 'longText')
      issue('pattern', 'Only text fields have a pattern');
    const invalid = patternIssue(definition.pattern);
    if (invalid) issues.push(invalid);
  }
  const wantsDates = definition.type === 'date' || definition.type === 'datetime';
  const comparable = (bound: number | string | null) =>
    wantsDates ? storedBound(definition.type as 'date' | 'datetime', bound) : bound;
  const [min, max] = [comparable(definition.min), comparable(definition.max)];
  if (min != null && max != null && typeof min === typeof max && min > max)
    issue('min', 'min is greater than max');
  for (const bound of ['min', 'max'] as const) {
    const value = definition[bound];
    if (value !== null && wantsDates !== (typeof value === 'string'))
      issue(bound, wantsDates ? 'Date bounds are ISO strings' : 'Bounds are numbers');
    else if (
      typeof value === 'string' &&
      wantsDates &&
      !dateBoundSchema[definition.type as 'date' | 'datetime'].safeParse(value).success
    ) {
      issue(
        bound,
        definition.type === 'date'
          ? 'A date bound is a calendar date, YYYY-MM-DD'
          : 'A datetime bound is an ISO-8601 instant with an offset',
      );
    }
    if (
      value !== null &&
      !wantsDates &&
      !textTypes.has(definition.type) &&
      !['number', 'decimal', 'money', 'multiSelect'].includes(definition.type)
    ) {
      issue(bound, `A ${definition.type} field has no bounds`);
    }
  }
  if (issues.length === 0 && definition.defaultValue !== null) {
    const parsed = customValueSchema(definition, null).safeParse(definition.defaultValue);
    if (!parsed.success)
      issue('defaultValue', `The default is not a valid value: ${parsed.error.issues[0]?.message}`);
  }
  return issues;
}
