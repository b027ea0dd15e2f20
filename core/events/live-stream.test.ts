import { describe, expect, it } from 'vitest';
import { StreamQueue, StreamSlots } from './live-stream.js';

describe('a stream queue', () => {
  it('hands items over one at a time, in order', async () => {
    const handled: number[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const queue = new StreamQueue<number>(
      async (item) => {
        handled.push(item);
        if (item === 3) finished();
      },
      async () => {},
      10,
    );
    for (const item of [1, 2, 3]) queue.push(item);
    await done;
    expect(handled).toEqual([1, 2, 3]);
  });

  it('drops what waits behind a stuck item once full, for one overflow notice, then carries on', async () => {
    const handled: Array<number | 'overflow'> = [];
    let unblock!: () => void;
    const blocked = new Promise<void>((resolve) => (unblock = resolve));
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const queue = new StreamQueue<number>(
      async (item) => {
        handled.push(item);
        if (item === 0) await blocked;
        if (item === 99) finished();
      },
      async () => void handled.push('overflow'),
      3,
    );
    for (let item = 0; item < 100; item++) queue.push(item);
    expect(queue.size).toBeLessThanOrEqual(3);
    unblock();
    await done;
    expect(handled.filter((item) => item === 'overflow')).toHaveLength(1);
    expect(handled.length).toBeLessThan(10);
    expect(handled.at(-1)).toBe(99);
  });
});

describe('stream slots', () => {
  it('allow a principal up to the cap, and free a slot once on release', () => {
    const slots = new StreamSlots();
    const first = slots.acquire('user:1', 2)!;
    expect(slots.acquire('user:1', 2)).toBeDefined();
    expect(slots.acquire('user:1', 2)).toBeUndefined();
    expect(slots.acquire('user:2', 2)).toBeDefined();
    first();
    first();
    expect(slots.acquire('user:1', 2)).toBeDefined();
    expect(slots.acquire('user:1', 2)).toBeUndefined();
  });
});
