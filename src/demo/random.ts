/**
 * Deterministic randomness. Row values come from a stateless hash of
 * (seed, resource, day, salt), so rows can be generated in any order (month by
 * month, hour by hour) and still be byte-identical for the same seed. Planning
 * (who owns what) uses a small sequential generator.
 */

/** 32-bit avalanche hash of up to four integers (murmur3 finaliser per key). */
export function hash4(a: number, b: number, c: number, d: number): number {
  let h = 0x811c9dc5 ^ a;
  h = fmix(h);
  h = fmix(h ^ Math.imul(b, 0x9e3779b1));
  h = fmix(h ^ Math.imul(c, 0x85ebca77));
  h = fmix(h ^ Math.imul(d, 0xc2b2ae3d));
  return h >>> 0;
}

function fmix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Uniform in [0, 1) from the hash of the keys. */
export function unit(a: number, b: number, c: number, d: number): number {
  return hash4(a, b, c, d) / 4294967296;
}

/** Standard normal from the keys (Box–Muller on two hashed uniforms). */
export function gauss(a: number, b: number, c: number, d: number): number {
  const u1 = (hash4(a, b, c, d * 2 + 1) + 1) / 4294967297;
  const u2 = hash4(a, b, c, d * 2 + 2) / 4294967296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Sequential generator (mulberry32) for planning the organisation. */
export class Rng {
  private state: number;

  constructor(seed: number, stream = 0) {
    this.state = hash4(seed, stream, 0x5eed, 0) | 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const it = items[this.int(items.length)];
    if (it === undefined) throw new RangeError('pick from an empty list');
    return it;
  }

  /** Picks by weight: entries are [item, weight]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of entries) {
      r -= w;
      if (r < 0) return item;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  /** 8..n hex characters, for resource ids. */
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += hash4(this.int(2 ** 31), s.length, 0, 1).toString(16).padStart(8, '0');
    return s.slice(0, n);
  }
}

/** Deterministic lowercase hex id of `len` characters from the keys. */
export function hexId(a: number, b: number, c: number, len: number): string {
  let s = '';
  for (let i = 0; s.length < len; i++) s += hash4(a, b, c, 0x1d + i).toString(16).padStart(8, '0');
  return s.slice(0, len);
}
