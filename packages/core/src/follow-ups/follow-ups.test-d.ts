import { describe, expectTypeOf, it } from 'vitest';
import type { CrmSession } from '../crm';
import type { FollowUpCadence, FollowUpCadenceInput, FollowUpTrigger } from './cadence';

declare const crm: CrmSession;

describe('follow-ups in the types', () => {
  it('takes a cadence with a trigger and steps, the rest optional', () => {
    expectTypeOf<{
      name: string;
      trigger: 'dealWon';
      steps: { offsetDays: number; title: string }[];
    }>().toExtend<FollowUpCadenceInput>();
    expectTypeOf<{ name: string; trigger: 'leadCaptured'; steps: [] }>().not.toExtend<FollowUpCadenceInput>();
    expectTypeOf<FollowUpTrigger>().toEqualTypeOf<'dealWon' | 'orderFulfilled'>();
  });

  it('returns stored cadences with their defaults filled in', async () => {
    const cadence = await crm.followUps.define({ name: 'After a sale', trigger: 'dealWon', steps: [] });
    expectTypeOf(cadence).toEqualTypeOf<FollowUpCadence>();
    expectTypeOf(cadence.steps[0]?.kind).toEqualTypeOf<string | undefined>();
    expectTypeOf(cadence.orderTypes).toEqualTypeOf<string[] | null>();
    expectTypeOf(cadence.active).toEqualTypeOf<boolean>();
    expectTypeOf(crm.followUps.update).parameter(2).toEqualTypeOf<{ readonly version: number }>();
  });
});
