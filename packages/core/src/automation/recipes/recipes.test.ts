import { describe, expect, it } from 'vitest';
import { ruleInputSchema } from '../rules/rule-schema';
import {
  birthdayGreeting,
  leadAutoAssignment,
  reengageInactive,
  taskReminder,
  welcomeMessage,
} from './index';

describe('automation recipes', () => {
  it('are valid rules with their defaults and with options', () => {
    const recipes = [
      welcomeMessage(),
      welcomeMessage({ channel: 'sms', body: 'Hi {{person.firstName}}' }),
      birthdayGreeting(),
      birthdayGreeting({ coupon: { amountOff: 500, validDays: 7 }, localTime: '10:30' }),
      birthdayGreeting({ coupon: false }),
      leadAutoAssignment(),
      leadAutoAssignment({ followUpTask: false }),
      taskReminder({ daysBefore: 1 }),
      reengageInactive(),
      reengageInactive({ days: 120, tag: false }),
    ];
    for (const recipe of recipes) expect(ruleInputSchema.safeParse(recipe).error).toBeUndefined();
  });

  it('issue the birthday coupon before the greeting that names it', () => {
    expect(birthdayGreeting().actions.map((action) => action.kind)).toEqual(['issueCoupon', 'sendMessage']);
    expect(birthdayGreeting().actions[0]).toEqual({ kind: 'issueCoupon', percentOff: 10, validDays: 30 });
    expect(birthdayGreeting({ coupon: { amountOff: 500 } }).actions[0]).toEqual({
      kind: 'issueCoupon',
      amountOff: 500,
      validDays: 30,
    });
    expect(birthdayGreeting({ coupon: false }).actions.map((action) => action.kind)).toEqual(['sendMessage']);
  });

  it('re-engage after 90 days of inactivity by default', () => {
    expect(reengageInactive().trigger).toEqual({ kind: 'inactivity', entity: 'person', days: 90 });
    expect(leadAutoAssignment().actions.map((action) => action.kind)).toEqual(['assign', 'createTask']);
  });
});
