import { describe, expect, it } from 'vitest';
import { todayIn } from '../filter/local-calendar';
import { createPopulation, orderDay } from './breakpoints';

describe('orderDay', () => {
  it("gives the day of an instant in the tenant's calendar, as the filter language's calendar does", () => {
    const instants = ['2025-01-15T23:30:00.000Z', '2024-02-29T00:00:00.000Z', '2024-12-31T22:59:59.999Z'];
    for (const zone of ['UTC', 'Europe/Paris', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata'])
      for (const instant of instants)
        expect(orderDay(instant, zone), `${instant} ${zone}`).toBe(todayIn(new Date(instant), zone));
  });
});

describe('createPopulation', () => {
  it('takes the edges of recency days, counts and totals together, and none for nobody', () => {
    const population = createPopulation('Europe/Paris');
    expect(population.breakpoints()).toBeNull();
    population.add({ lastOrderAt: '2025-01-15T23:30:00.000Z', orderCount: 2, total: 500 });
    expect(population.breakpoints()).toEqual({
      customers: 1,
      recency: ['2025-01-16', '2025-01-16', '2025-01-16', '2025-01-16'],
      frequency: [2, 2, 2, 2],
      monetary: [500, 500, 500, 500],
    });
  });
});
