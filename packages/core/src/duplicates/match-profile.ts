import { foldCompanyName, foldName } from './fold-name';

/** The entities duplicates are looked for among. */
export const duplicateEntities = ['person', 'company'] as const;

/** `person` or `company`. */
export type DuplicateEntity = (typeof duplicateEntities)[number];

/** Whether an entity name is one duplicates are looked for among. */
export function isDuplicateEntity(entity: unknown): entity is DuplicateEntity {
  return entity === 'person' || entity === 'company';
}

/**
 * What matching reads of a person or company, already normalised: every email address and phone number
 * of a person (not only the primary ones), a company's domain, and the folded name.
 */
export interface MatchProfile {
  readonly id: string;
  readonly entity: DuplicateEntity;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly domain: string | null;
  /** Folded (see `foldName`); for a company also stripped of legal forms (`foldCompanyName`). */
  readonly name: string;
  /** The words of `name` in sorted order, for names entered the wrong way round; computed once. */
  readonly sortedName: string;
}

const sortWords = (name: string) => (name.includes(' ') ? name.split(' ').sort().join(' ') : name);

function entriesOf(value: unknown, key: 'address' | 'number'): string[] {
  if (!Array.isArray(value)) return [];
  const found = value
    .map((entry) => (entry as Record<string, unknown> | null)?.[key])
    .filter((item): item is string => typeof item === 'string' && item.length > 0);
  return [...new Set(key === 'address' ? found.map((address) => address.toLowerCase()) : found)];
}

/**
 * The match profile of a stored (or validated) person or company record.
 *
 * @example
 * ```ts
 * profileOf('person', { id, firstName: 'Zoë', lastName: 'Adams', emails: [{ address: 'zoe@a.com' }], phones: [] });
 * // { id, entity: 'person', emails: ['zoe@a.com'], phones: [], domain: null, name: 'zoe adams', sortedName: 'adams zoe' }
 * ```
 */
export function profileOf(entity: DuplicateEntity, record: Readonly<Record<string, unknown>>): MatchProfile {
  const id = String(record.id ?? '');
  if (entity === 'company') {
    const domain = typeof record.domain === 'string' && record.domain !== '' ? record.domain : null;
    const name = typeof record.name === 'string' ? foldCompanyName(record.name) : '';
    return { id, entity, emails: [], phones: [], domain, name, sortedName: sortWords(name) };
  }
  const fullName = [record.firstName, record.lastName].filter((part) => typeof part === 'string').join(' ');
  const name = foldName(fullName);
  return {
    id,
    entity,
    emails: entriesOf(record.emails, 'address'),
    phones: entriesOf(record.phones, 'number'),
    domain: null,
    name,
    sortedName: sortWords(name),
  };
}

const head = (text: string, length: number) => [...text].slice(0, length).join('');
const tail = (text: string, length: number) => [...text].slice(-length).join('');

/**
 * The blocking keys of a person's folded name: records that share none are never compared by name. Three
 * keys, so that a typo in any one place still leaves a shared key: the start of the last word with the
 * first initial, the start of the first word with the last initial (which also pairs names entered the
 * wrong way round), and the end of the first word with the last initial (`Katherine`/`Catherine Smith`).
 * Words of digits only are left out.
 */
function personNameKeys(name: string): string[] {
  const words = name.split(' ').filter((word) => word !== '' && !/^\p{N}+$/u.test(word));
  const first = words[0];
  const last = words[words.length - 1];
  if (first === undefined || last === undefined) return [];
  if (words.length === 1) return [head(first, 3)];
  return [
    `${head(last, 3)}|${head(first, 1)}`,
    `${head(first, 3)}|${head(last, 1)}`,
    `~${tail(first, 3)}|${head(last, 1)}`,
  ];
}

/** A company name's blocking keys: the start and the end of the name without spaces. */
function companyNameKeys(name: string): string[] {
  const compact = name.replaceAll(' ', '');
  if (compact === '') return [];
  return [head(compact, 4), `~${tail(compact, 4)}`];
}

/**
 * The keys a record is found by: `email:<address>` and `phone:<E.164>` for each of a person's, `domain:`
 * for a company's, and `name:` blocking keys of the name. Exact rules look up their own kind of key;
 * fuzzy name rules compare only records that share a `name:` key. No key repeats.
 *
 * @example
 * ```ts
 * matchKeys(profileOf('company', { id, name: 'Acme Inc.', domain: 'acme.com' }));
 * // ['domain:acme.com', 'name:acme', 'name:~acme']
 * ```
 */
export function matchKeys(profile: MatchProfile): string[] {
  const keys = [
    ...profile.emails.map((email) => `email:${email}`),
    ...profile.phones.map((phone) => `phone:${phone}`),
    ...(profile.domain === null ? [] : [`domain:${profile.domain}`]),
    ...(profile.entity === 'person' ? personNameKeys(profile.name) : companyNameKeys(profile.name)).map(
      (key) => `name:${key}`,
    ),
  ];
  return [...new Set(keys)];
}
