// The part of autocannon (no bundled types) that bench/server.ts uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    requests?: Array<{ method?: string; path: string }>;
    timeout?: number;
  }
  interface Result { errors: number; timeouts: number; non2xx: number; requests: { total: number; average: number }; '2xx': number }
  interface Instance extends EventEmitter {
    on(event: 'response', fn: (client: unknown, statusCode: number, resBytes: number, responseTimeMs: number) => void): this;
    on(event: 'done', fn: (r: Result) => void): this;
  }
  function autocannon(opts: Options): Instance;
  export default autocannon;
}
