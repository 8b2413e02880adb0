/** The entities of the records API, by singular name. Event names are `${EntityName}.${action}`. */
export const entityNames = [
  'company',
  'person',
  'deal',
  'activity',
  'task',
  'product',
  'order',
  'member',
  'tag',
  'pipeline',
] as const;

/** One of {@link entityNames}. */
export type EntityName = (typeof entityNames)[number];
