import { describe, expect, it } from 'vitest';
import { createSerialQueue } from './serial-queue';

describe('createSerialQueue', () => {
  it('runs tasks one at a time in arrival order', async () => {
    const queue = createSerialQueue();
    const events: string[] = [];
    const task = (label: string, delay: number) => async () => {
      events.push(`${label} start`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      events.push(`${label} end`);
      return label;
    };
    const results = await Promise.all([
      queue.run(task('a', 10)),
      queue.run(task('b', 0)),
      queue.run(task('c', 5)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('is idle only when nothing runs or waits', async () => {
    const queue = createSerialQueue();
    expect(queue.isIdle()).toBe(true);
    let release = () => {};
    const first = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    const second = queue.run(() => 'second');
    expect(queue.isIdle()).toBe(false);
    release();
    await first;
    expect(queue.isIdle()).toBe(false);
    await second;
    expect(queue.isIdle()).toBe(true);
  });

  it('goes on after a task fails, and rejects with its error', async () => {
    const queue = createSerialQueue();
    const failure = new Error('boom');
    const failing = queue.run(() => {
      throw failure;
    });
    const next = queue.run(() => 'next');
    await expect(failing).rejects.toBe(failure);
    await expect(next).resolves.toBe('next');
    expect(queue.isIdle()).toBe(true);
  });
});
