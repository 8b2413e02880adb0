import { describe, expect, it } from 'vitest';
import { assembleScore, engagementOf } from './lead-score';
import type { EngagementRule } from './scoring-config';

const rules: EngagementRule[] = [
  { key: 'email.inbound', label: null, type: 'email', direction: 'inbound', points: 10 },
  { key: 'meeting', label: null, type: 'meeting', direction: null, points: 20 },
];
const config = { engagement: rules, halfLifeDays: 10, maxAgeDays: 30 };
const activity = (id: string, type: string, day: string, direction: string | null = null) => ({
  id,
  type,
  direction,
  occurred_at: `${day}T12:00:00.000Z`,
});
const dayOf = (row: Record<string, unknown>) => (row.occurred_at as string).slice(0, 10);

describe('engagementOf', () => {
  it('decays each matching activity by its age in days, newest first', () => {
    const contributions = engagementOf(
      [activity('a1', 'meeting', '2025-01-05'), activity('a2', 'email', '2025-01-15', 'inbound')],
      config,
      '2025-01-15',
      dayOf,
    );
    expect(
      contributions.map(({ activityId, ageDays, decay, points, rule }) => ({
        activityId,
        ageDays,
        decay,
        points,
        rule,
      })),
    ).toEqual([
      { activityId: 'a2', ageDays: 0, decay: 1, points: 10, rule: 'email.inbound' },
      { activityId: 'a1', ageDays: 10, decay: 0.5, points: 10, rule: 'meeting' },
    ]);
  });

  it('skips activities no rule matches, ahead of today, or beyond the maximum age', () => {
    const contributions = engagementOf(
      [
        activity('out', 'email', '2025-01-15', 'outbound'),
        activity('call', 'call', '2025-01-15'),
        activity('future', 'meeting', '2025-01-16'),
        activity('old', 'meeting', '2024-12-15'),
        activity('edge', 'meeting', '2024-12-16'),
      ],
      config,
      '2025-01-15',
      dayOf,
    );
    expect(contributions.map((contribution) => contribution.activityId)).toEqual(['edge']);
    expect(contributions[0]?.points).toBe(2.5);
  });
});

describe('assembleScore', () => {
  it('adds the fit points that matched and the shown engagement points', () => {
    const score = assembleScore({
      personId: 'p1',
      at: '2025-01-15T09:30:00.000Z',
      configVersion: 1,
      fit: [
        { key: 'eu', label: null, matched: true, rulePoints: 10, points: 10 },
        { key: 'director', label: null, matched: false, rulePoints: 15, points: 0 },
      ],
      engagement: engagementOf([activity('a1', 'meeting', '2025-01-10')], config, '2025-01-15', dayOf),
    });
    expect(score).toMatchObject({ fitPoints: 10, engagementPoints: 14.14, score: 24 });
  });
});
