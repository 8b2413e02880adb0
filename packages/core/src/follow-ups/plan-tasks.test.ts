import { describe, expect, it } from 'vitest';
import type { FollowUpCadence } from './cadence';
import { cadenceApplies, planFollowUpTasks } from './plan-tasks';

const cadence = (overrides: Partial<FollowUpCadence> = {}): FollowUpCadence => ({
  id: 'c1',
  version: 1,
  name: 'After a sale',
  trigger: 'dealWon',
  orderTypes: null,
  steps: [
    { offsetDays: 7, title: 'Call', kind: 'call', notes: 'Ask about onboarding' },
    { offsetDays: 30, title: 'Check-in', kind: 'check-in', notes: null },
  ],
  fallbackAssigneeId: null,
  active: true,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

const at = '2025-01-15T09:30:00.000Z';

describe('planFollowUpTasks', () => {
  it('makes one task per step, linked to the deal, its company and its first person', () => {
    const deal = { id: 'd1', status: 'won', companyId: 'co1', personIds: ['p1', 'p2'] };
    const tasks = planFollowUpTasks({
      transition: { trigger: 'dealWon', record: deal },
      cadence: cadence(),
      assigneeId: 'rep-1',
      at,
      timeZone: 'UTC',
    });
    expect(tasks).toEqual([
      {
        title: 'Call',
        notes: 'Ask about onboarding',
        dueAt: '2025-01-22T09:30:00.000Z',
        assigneeId: 'rep-1',
        status: 'open',
        dealId: 'd1',
        personId: 'p1',
        companyId: 'co1',
        tags: ['follow-up', 'call'],
      },
      {
        title: 'Check-in',
        notes: null,
        dueAt: '2025-02-14T09:30:00.000Z',
        assigneeId: 'rep-1',
        status: 'open',
        dealId: 'd1',
        personId: 'p1',
        companyId: 'co1',
        tags: ['follow-up', 'check-in'],
      },
    ]);
  });

  it("links an order's tasks to its person and company, not to a deal", () => {
    const order = { id: 'o1', status: 'fulfilled', personId: 'p1', companyId: null, type: 'sale' };
    const [task] = planFollowUpTasks({
      transition: { trigger: 'orderFulfilled', record: order },
      cadence: cadence({ trigger: 'orderFulfilled' }),
      assigneeId: null,
      at,
      timeZone: 'UTC',
    });
    expect(task).toMatchObject({ dealId: null, personId: 'p1', companyId: null, assigneeId: null });
  });
});

describe('cadenceApplies', () => {
  const order = (type: string) => ({ trigger: 'orderFulfilled' as const, record: { type } });

  it('matches the trigger, and for orders only the listed types', () => {
    const sales = cadence({ trigger: 'orderFulfilled', orderTypes: ['sale'] });
    expect(cadenceApplies(sales, order('sale'))).toBe(true);
    expect(cadenceApplies(sales, order('sample'))).toBe(false);
    expect(cadenceApplies(cadence({ trigger: 'orderFulfilled' }), order('sample'))).toBe(true);
    expect(cadenceApplies(cadence(), order('sale'))).toBe(false);
  });

  it('skips a paused cadence', () => {
    expect(cadenceApplies(cadence({ active: false }), { trigger: 'dealWon', record: {} })).toBe(false);
  });
});
