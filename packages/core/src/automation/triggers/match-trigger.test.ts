import { describe, expect, it } from 'vitest';
import { matchesTrigger } from './match-trigger';
import type { TriggerEvent } from './trigger-event';

const updated = (
  entity: 'person' | 'deal',
  changes: Record<string, { before: unknown; after: unknown }>,
): TriggerEvent => ({
  kind: 'record',
  eventId: 'e1',
  action: 'updated',
  entity,
  recordId: 'r1',
  version: 2,
  changes,
  chainDepth: 0,
});

describe('matchesTrigger', () => {
  it('starts an update rule only on its entity and, when it names fields, on one of them', () => {
    const event = updated('person', { 'custom.tier': { before: 'silver', after: 'gold' } });
    expect(matchesTrigger({ kind: 'recordUpdated', entity: 'person' }, event)).toBe(true);
    expect(matchesTrigger({ kind: 'recordUpdated', entity: 'person', fields: ['custom.tier'] }, event)).toBe(
      true,
    );
    expect(matchesTrigger({ kind: 'recordUpdated', entity: 'person', fields: ['region'] }, event)).toBe(
      false,
    );
    expect(matchesTrigger({ kind: 'recordUpdated', entity: 'deal' }, event)).toBe(false);
    expect(matchesTrigger({ kind: 'recordCreated', entity: 'person' }, event)).toBe(false);
  });

  it('starts a stage rule when the stage moved into one of its stages', () => {
    const event = updated('deal', { stageId: { before: 'lead', after: 'won' } });
    expect(matchesTrigger({ kind: 'dealStageChanged' }, event)).toBe(true);
    expect(matchesTrigger({ kind: 'dealStageChanged', stageIds: ['won'] }, event)).toBe(true);
    expect(matchesTrigger({ kind: 'dealStageChanged', stageIds: ['lost'] }, event)).toBe(false);
    expect(
      matchesTrigger({ kind: 'dealStageChanged' }, updated('deal', { amount: { before: 1, after: 2 } })),
    ).toBe(false);
  });

  it('tells entering a segment from leaving it', () => {
    const entered: TriggerEvent = {
      kind: 'segment',
      eventId: 'e2',
      entered: true,
      segmentId: 's1',
      entity: 'person',
      recordId: 'r1',
      chainDepth: 0,
    };
    expect(matchesTrigger({ kind: 'segmentEntered', segmentId: 's1' }, entered)).toBe(true);
    expect(matchesTrigger({ kind: 'segmentLeft', segmentId: 's1' }, entered)).toBe(false);
    expect(matchesTrigger({ kind: 'segmentEntered', segmentId: 's2' }, entered)).toBe(false);
    expect(matchesTrigger({ kind: 'date', entity: 'person', field: 'birthday' }, entered)).toBe(false);
  });
});
