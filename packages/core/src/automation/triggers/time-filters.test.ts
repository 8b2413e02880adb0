import { describe, expect, it } from 'vitest';
import { inactivityFilter, onceDateFilter } from './time-filters';

describe('time filters', () => {
  it('reads a date field the offset earlier than the due dates', () => {
    expect(
      onceDateFilter(
        { kind: 'date', entity: 'deal', field: 'expectedCloseDate', offsetDays: -7 },
        '2025-01-15',
        '2025-01-16',
      ),
    ).toEqual({
      all: [
        { field: 'expectedCloseDate', op: 'gte', value: '2025-01-22' },
        { field: 'expectedCloseDate', op: 'lte', value: '2025-01-23' },
      ],
    });
  });

  it('finds records whose quiet spell reaches its length inside the window', () => {
    const filter = inactivityFilter(
      { kind: 'inactivity', entity: 'person', days: 1 },
      '2025-01-02T00:00:00.000Z',
      '2025-01-03T00:00:00.000Z',
    );
    expect(JSON.stringify(filter)).toContain('"value":"2025-01-01T00:00:00.000Z"');
    expect(JSON.stringify(filter)).toContain('"value":"2025-01-02T00:00:00.000Z"');
  });
});
