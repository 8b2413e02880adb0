import { describe, expectTypeOf, it } from 'vitest';
import type { CrmSession } from '../crm';
import type { Deal, Pipeline, PipelineInput } from '../entities/types';
import type { Repository } from '../records/repository';
import type { IdleDeal, StageMoveResult } from './deal-stages-api';
import type { StageVisit } from './stage-history-table';

declare const crm: CrmSession;

describe('pipelines in the types', () => {
  it('types the stage rules of a pipeline, with the forecast category the forecast reads', () => {
    type Stage = Pipeline['stages'][number];
    expectTypeOf<Stage['forecastCategory']>().toEqualTypeOf<
      'pipeline' | 'best_case' | 'commit' | 'closed' | 'omitted'
    >();
    expectTypeOf<Stage['requiredFields']>().toEqualTypeOf<string[]>();
    expectTypeOf<Stage['idleDays']>().toEqualTypeOf<number | null>();
    expectTypeOf<{ name: 'S'; moves: 'next'; stages: [] }>().toExtend<PipelineInput>();
    expectTypeOf<{ name: 'S'; moves: 'sideways'; stages: [] }>().not.toExtend<PipelineInput>();
  });

  it('moves deals with the version read, and reads their history and idle deals', async () => {
    expectTypeOf(
      await crm.dealStages.move('id', { stageId: 'won', version: 2 }),
    ).toEqualTypeOf<StageMoveResult>();
    expectTypeOf<StageMoveResult['deal']>().toEqualTypeOf<Deal>();
    // @ts-expect-error a move states the version the caller read
    await crm.dealStages.move('id', { stageId: 'won' });
    expectTypeOf(await crm.dealStages.history('id')).toEqualTypeOf<StageVisit[]>();
    expectTypeOf(await crm.dealStages.idle()).toEqualTypeOf<IdleDeal[]>();
    expectTypeOf(crm.dealStages.bypassRules({ reason: 'import' })).toEqualTypeOf<Repository<'deal'>>();
  });
});
