import { realClock } from '../../../checks/collect/clock';

describe('realClock', () => {
  afterEach(() => jest.useRealTimers());

  test('sleep resolves only once its time has passed', async () => {
    jest.useFakeTimers();
    let done = false;
    const slept = realClock.sleep(1000).then(() => {
      done = true;
    });
    await Promise.resolve();
    jest.advanceTimersByTime(999);
    await Promise.resolve();
    expect(done).toBe(false);
    jest.advanceTimersByTime(1);
    await slept;
    expect(done).toBe(true);
  });

  test('now is the wall clock', () => {
    jest.useFakeTimers({ now: new Date('2026-11-20T12:00:00Z') });
    expect(realClock.now()).toBe(Date.parse('2026-11-20T12:00:00Z'));
  });
});
