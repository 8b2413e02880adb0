import { describe } from 'vitest';
import type { CrmSession } from '../../crm';
import type { RapportErrorCode } from '../../errors/rapport-error';
import type { MakeStorage } from './harness';
import { crmTest, failsCleanly } from './harness';

/** A call made with arguments of the wrong shape, and the typed error it must get. */
interface MisuseCase {
  readonly what: string;
  readonly code: RapportErrorCode;
  readonly call: (session: CrmSession) => Promise<unknown>;
}

// Hosts call Rapport from JavaScript too, and from values they did not type: every argument of the wrong
// shape must get a RapportError, never a TypeError from deep inside.
const cases: readonly MisuseCase[] = [
  { what: 'list(null)', code: 'VALIDATION_FAILED', call: (s) => s.people.list(null as never) },
  {
    what: 'a limit that is not a number',
    code: 'VALIDATION_FAILED',
    call: (s) => s.people.list({ limit: 'ten' as never }),
  },
  {
    what: 'a sort term that is a number',
    code: 'INVALID_FILTER',
    call: (s) => s.people.list({ orderBy: 5 as never }),
  },
  {
    what: 'a sort term without a field',
    code: 'INVALID_FILTER',
    call: (s) => s.people.list({ orderBy: { direction: 'asc' } as never }),
  },
  {
    what: 'a select that is not a list',
    code: 'VALIDATION_FAILED',
    call: (s) => s.people.list({ select: 'email' as never }),
  },
  {
    what: 'an include that is not a list',
    code: 'VALIDATION_FAILED',
    call: (s) => s.people.list({ include: 'company' as never }),
  },
  {
    what: 'a where that is a string',
    code: 'INVALID_FILTER',
    call: (s) => s.people.list({ where: 'region = North' as never }),
  },
  {
    what: 'an unknown archived mode',
    code: 'MISUSE',
    call: (s) => s.people.list({ archived: 'all' as never }),
  },
  {
    what: 'a cursor that is a number',
    code: 'INVALID_CURSOR',
    call: (s) => s.people.list({ cursor: 42 as never }),
  },
  { what: 'count(null)', code: 'VALIDATION_FAILED', call: (s) => s.people.count(null as never) },
  { what: 'getMany of a string', code: 'VALIDATION_FAILED', call: (s) => s.people.getMany('id' as never) },
  {
    what: 'get options that are a string',
    code: 'VALIDATION_FAILED',
    call: (s) => s.people.getMany(['id'], 'all' as never),
  },
  { what: 'history of a number', code: 'VALIDATION_FAILED', call: (s) => s.people.history(5 as never) },
  { what: 'archive of a number', code: 'VALIDATION_FAILED', call: (s) => s.people.archive(5 as never) },
  {
    what: 'update without options',
    code: 'MISUSE',
    call: (s) => s.people.update('id', {}, undefined as never),
  },
  {
    what: 'upsert by a field that is not unique',
    code: 'MISUSE',
    call: (s) => s.people.upsert('firstName', { firstName: 'Ann' }),
  },
  { what: 'createMany of an object', code: 'MISUSE', call: (s) => s.people.createMany({} as never) },
  {
    what: 'a custom field definition of null',
    code: 'VALIDATION_FAILED',
    call: (s) => s.customFields.define(null as never),
  },
  {
    what: 'settings changes of null',
    code: 'VALIDATION_FAILED',
    call: (s) => s.settings.update(null as never, { version: 0 }),
  },
];

/** Arguments of the wrong shape get typed errors and change nothing. */
export function describeApiMisuse(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);
  describe('arguments of the wrong shape', () => {
    for (const misuse of cases) {
      it(`refuses ${misuse.what} with ${misuse.code} and changes nothing`, async ({ h }) => {
        await failsCleanly(h, misuse.code, () => misuse.call(h.a));
      });
    }
  });
}
