import type { Clock } from './clock';

/**
 * At most `perSecond` calls per second: each `take()` waits until its slot. LookupEvents allows
 * 2 requests per second per account and region.
 */
export class RateLimiter {
  private next = 0;
  private readonly gapMs: number;

  constructor(perSecond: number, private readonly clock: Clock) {
    this.gapMs = 1000 / perSecond;
  }

  async take(): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.next);
    this.next = at + this.gapMs;
    if (at > now) await this.clock.sleep(at - now);
  }
}
