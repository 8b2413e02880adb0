import { describe, expect, it } from 'vitest';
import { firstOpenStage } from './first-open-stage';

describe('firstOpenStage', () => {
  it('takes the first open stage in pipeline order', () => {
    expect(
      firstOpenStage([
        { id: 'lost', kind: 'lost' },
        { id: 'new', kind: 'open' },
        { id: 'demo', kind: 'open' },
      ]),
    ).toBe('new');
  });

  it('reads a stage without a kind as open, as the pipeline schema defaults it', () => {
    expect(firstOpenStage([{ id: 'new' }])).toBe('new');
  });

  it('has no answer for a pipeline of only closing stages', () => {
    expect(
      firstOpenStage([
        { id: 'won', kind: 'won' },
        { id: 'lost', kind: 'lost' },
      ]),
    ).toBeUndefined();
  });
});
