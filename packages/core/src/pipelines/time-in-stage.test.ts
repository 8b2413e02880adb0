import { describe, expect, test } from 'vitest';
import type { StageVisit } from './stage-history-table';
import { daysBetween, idleCutoff, timeInStages } from './time-in-stage';

const visit = (stageId: string, enteredAt: string, leftAt: string | null): StageVisit => ({
  id: `${stageId}-${enteredAt}`,
  dealId: 'd1',
  pipelineId: 'p1',
  stageId,
  enteredAt,
  enteredBy: 'u1',
  leftAt,
  leftBy: leftAt === null ? null : 'u1',
  bypassReason: null,
});

describe('timeInStages', () => {
  test('sums the visits of each stage, an open visit up to now, in the order first entered', () => {
    const visits = [
      visit('lead', '2025-01-01T00:00:00.000Z', '2025-01-03T00:00:00.000Z'),
      visit('proposal', '2025-01-03T00:00:00.000Z', '2025-01-04T00:00:00.000Z'),
      visit('lead', '2025-01-04T00:00:00.000Z', '2025-01-04T12:00:00.000Z'),
      visit('proposal', '2025-01-04T12:00:00.000Z', null),
    ];
    expect(timeInStages(visits, '2025-01-06T00:00:00.000Z')).toEqual([
      {
        pipelineId: 'p1',
        stageId: 'lead',
        visits: 2,
        milliseconds: 2.5 * 86_400_000,
        days: 2.5,
        isCurrent: false,
      },
      {
        pipelineId: 'p1',
        stageId: 'proposal',
        visits: 2,
        milliseconds: 2.5 * 86_400_000,
        days: 2.5,
        isCurrent: true,
      },
    ]);
  });

  test('no visits, no times', () => {
    expect(timeInStages([], '2025-01-06T00:00:00.000Z')).toEqual([]);
  });
});

describe('idle limits', () => {
  test('the cutoff is the limit before now, and days round down', () => {
    expect(idleCutoff('2025-01-31T00:00:00.000Z', 10)).toBe('2025-01-21T00:00:00.000Z');
    expect(daysBetween('2025-01-01T00:00:00.000Z', '2025-01-11T23:59:59.999Z')).toBe(10);
  });
});
