import { describe, expect, it } from 'vitest';
import type { RuleAction } from '../rule';
import { continueWith, nextAction } from './next-action';

const tag = (name: string): RuleAction => ({ kind: 'addTags', tags: [name] });
const actions = [tag('a'), tag('b')];

describe('nextAction', () => {
  it("walks the rule's actions in order and ends after the last", () => {
    const first = nextAction({ step: 0, pendingActions: [] }, actions);
    expect(first).toEqual({ action: tag('a'), after: { step: 1, pendingActions: [] } });
    expect(nextAction({ step: 2, pendingActions: [] }, actions)).toBeUndefined();
  });

  it("runs a branch's actions before the rule's next action, nested branches in place", () => {
    const position = continueWith({ step: 1, pendingActions: [tag('x')] }, [tag('y1'), tag('y2')]);
    expect(position.pendingActions).toEqual([tag('y1'), tag('y2'), tag('x')]);
    expect(nextAction(position, actions)).toEqual({
      action: tag('y1'),
      after: { step: 1, pendingActions: [tag('y2'), tag('x')] },
    });
  });
});
