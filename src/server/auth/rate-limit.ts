/**
 * Failed authentications per client address: after `max` failures within
 * `windowMs` the address is refused (429, even with a good token) for
 * `blockMs`. In memory: one process owns an embedded store; a scale-out
 * deployment puts the same counters in a shared store.
 */
export interface FailureLimiterOptions {
  readonly max: number;
  readonly windowMs: number;
  readonly blockMs: number;
  /** Addresses tracked at most; the oldest are forgotten first. */
  readonly capacity?: number;
}

interface Entry { failures: number[]; blockedUntil: number }

export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly opts: FailureLimiterOptions) {}

  /** Seconds the address must still wait, or 0 when it may try. */
  retryAfter(key: string, now = Date.now()): number {
    const e = this.entries.get(key);
    return e && e.blockedUntil > now ? Math.ceil((e.blockedUntil - now) / 1000) : 0;
  }

  fail(key: string, now = Date.now()): void {
    const e = this.entries.get(key) ?? { failures: [], blockedUntil: 0 };
    e.failures = e.failures.filter((t) => t > now - this.opts.windowMs);
    e.failures.push(now);
    if (e.failures.length >= this.opts.max) {
      e.blockedUntil = now + this.opts.blockMs;
      e.failures = [];
    }
    this.entries.delete(key);
    this.entries.set(key, e);
    if (this.entries.size > (this.opts.capacity ?? 100_000)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
