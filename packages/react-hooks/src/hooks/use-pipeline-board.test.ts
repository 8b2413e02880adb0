// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { seedPipeline } from '../test-support/pipeline';
import { createTestCrm, providerFor } from '../test-support/test-crm';
import { useMoveDeal } from './use-move-deal';
import { usePipelineBoard } from './use-pipeline-board';

async function setup() {
  const test = await createTestCrm();
  const seeded = await seedPipeline(test.client);
  const hook = renderHook(() => ({ board: usePipelineBoard(seeded.pipeline.id), move: useMoveDeal() }), {
    wrapper: providerFor(test.client),
  });
  await waitFor(() => expect(hook.result.current.board.status).toBe('success'));
  return { ...test, ...seeded, hook };
}

function columnNames(board: ReturnType<typeof usePipelineBoard>['data']) {
  return Object.fromEntries(
    board?.columns.map((column) => [column.stage.id, column.deals.map((deal) => deal.name)]) ?? [],
  );
}

describe('usePipelineBoard', () => {
  it('gives the stages in order with their deals and totals per currency', async () => {
    const { hook } = await setup();
    const board = hook.result.current.board.data;
    expect(board?.columns.map((column) => column.stage.name)).toEqual(['Lead', 'Proposal', 'Won', 'Lost']);
    expect(columnNames(board)).toEqual({
      lead: ['Big', 'Small', 'Abroad'],
      proposal: ['Pitched'],
      won: [],
      lost: [],
    });
    expect(board?.columns[0]?.totals).toEqual({ EUR: 620_00, USD: 300_00 });
    expect(board?.columns[2]?.totals).toEqual({});
  });
});

describe('useMoveDeal', () => {
  it('moves the card at once, then takes the server deal (won: closed, probability 1)', async () => {
    const { hook, big } = await setup();
    let moving: Promise<unknown> = Promise.resolve();
    act(() => {
      moving = hook.result.current.move.mutateAsync({
        dealId: big.id,
        toStageId: 'won',
        version: big.version,
      });
    });
    expect(columnNames(hook.result.current.board.data).won).toEqual(['Big']);
    expect(hook.result.current.board.data?.columns[2]?.totals).toEqual({ EUR: 500_00 });
    await act(() => moving);
    const won = hook.result.current.board.data?.columns[2]?.deals[0];
    expect(won).toMatchObject({ status: 'won', probability: 1, version: big.version + 1 });
    expect(hook.result.current.move.data?.effects.length).toBeGreaterThan(0);
  });

  it('puts the card back exactly when the stage rules refuse the move', async () => {
    const { hook, small } = await setup();
    const before = hook.result.current.board.data;
    let moving: Promise<unknown> = Promise.resolve();
    act(() => {
      moving = hook.result.current.move
        .mutateAsync({ dealId: small.id, toStageId: 'lost', version: small.version })
        .catch(() => undefined);
    });
    expect(columnNames(hook.result.current.board.data).lost).toEqual(['Small']);
    await act(() => moving);
    expect(hook.result.current.board.data).toBe(before);
    expect(hook.result.current.move.error).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(hook.result.current.move.error?.fieldErrors.lostReason).toHaveLength(1);
  });

  it('puts the card back on VERSION_CONFLICT and shows the deal as a colleague left it', async () => {
    const { hook, pitched, colleague } = await setup();
    await act(async () => {
      await colleague.deals.update(pitched.id, { name: 'Pitched twice' }, { version: pitched.version });
    });
    await waitFor(() =>
      expect(columnNames(hook.result.current.board.data).proposal).toEqual(['Pitched twice']),
    );
    await act(async () => {
      await hook.result.current.move
        .mutateAsync({ dealId: pitched.id, toStageId: 'won', version: pitched.version })
        .catch(() => undefined);
    });
    expect(hook.result.current.move.error?.code).toBe('VERSION_CONFLICT');
    expect(columnNames(hook.result.current.board.data)).toMatchObject({
      proposal: ['Pitched twice'],
      won: [],
    });
  });
});
