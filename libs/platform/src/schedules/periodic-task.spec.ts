import { PeriodicTask } from './periodic-task';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 5) {
    if (waited > 5000) throw new Error('condition not met within 5 s');
    await sleep(5);
  }
}

describe('PeriodicTask', () => {
  it('never overlaps runs, carries on after a failure and waits for the run in flight on stop', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let finished = 0;
    const task = new PeriodicTask({ name: 'test task', everyMs: 5, firstRunAfterMs: 0 }, async () => {
      runs += 1;
      active += 1;
      maxActive = Math.max(maxActive, active);
      await sleep(20);
      active -= 1;
      finished += 1;
      if (runs === 1) throw new Error('first run fails');
    });
    task.start();
    await until(() => runs >= 3);
    await task.stop();
    expect(maxActive).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(40);
    expect(runs).toBe(after);
    expect(task.running).toBe(false);
  });

  it('takes the pause a run returns, and runs at once when nudged', async () => {
    const at: number[] = [];
    const task = new PeriodicTask({ name: 'test task', everyMs: 10_000, firstRunAfterMs: 10_000 }, () => {
      at.push(Date.now());
      return Promise.resolve(at.length < 3 ? 0 : undefined);
    });
    task.start();
    await task.nudge();
    await until(() => at.length >= 3);
    await sleep(50);
    await task.stop();
    // The nudge ran once, the two runs that returned 0 went round again; the third waits 10 s.
    expect(at).toHaveLength(3);
  });
});
