import { retryThrottled, THROTTLED } from '../../../checks/collect/throttle';
import { fakeClock } from './fake-clock';

const throttled = (name: string) => Object.assign(new Error('Rate exceeded'), { name });

describe('retryThrottled', () => {
  test('throttling that outlasts every attempt: six calls, backoff doubling from 500 ms, then the error', async () => {
    const clock = fakeClock();
    let calls = 0;
    const err = throttled('ThrottlingException');
    await expect(retryThrottled(async () => {
      calls += 1;
      throw err;
    }, clock)).rejects.toBe(err);
    expect(calls).toBe(6);
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  test('the backoff is capped at 16 s', async () => {
    const clock = fakeClock();
    await expect(retryThrottled(async () => Promise.reject(throttled('SlowDown')), clock, 9)).rejects.toThrow('Rate exceeded');
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 16000, 16000, 16000]);
  });

  test('a call that succeeds after throttling returns its value', async () => {
    const clock = fakeClock();
    let calls = 0;
    const value = await retryThrottled(async () => {
      calls += 1;
      if (calls < 3) throw throttled('TooManyRequestsException');
      return 'page';
    }, clock);
    expect(value).toBe('page');
    expect(clock.sleeps).toEqual([500, 1000]);
  });

  test('any other error is not retried', async () => {
    const clock = fakeClock();
    let calls = 0;
    await expect(retryThrottled(async () => {
      calls += 1;
      throw throttled('AccessDenied');
    }, clock)).rejects.toThrow();
    await expect(retryThrottled(async () => Promise.reject(new Error('no name')), clock)).rejects.toThrow('no name');
    await expect(retryThrottled(async () => Promise.reject('a string'), clock)).rejects.toBe('a string');
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  test('the throttling codes of IAM, CloudTrail and S3', () => {
    expect([...THROTTLED].sort()).toEqual(['RequestLimitExceeded', 'RequestThrottled', 'SlowDown', 'Throttling', 'ThrottlingException', 'TooManyRequestsException']);
  });
});
