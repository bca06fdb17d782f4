/**
 * Per-host concurrency limit: at most `perHost` requests in flight to one host (hostname:port), the rest wait in
 * FIFO order. Idle hosts are forgotten so the map does not grow with every host ever fetched.
 */

export interface HostLimiter {
  /** Runs `task` once a slot for `host` is free; the slot is released when the task settles. */
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
  /** Requests running + waiting for `host` (for tests and diagnostics). */
  load(host: string): { active: number; waiting: number };
}

interface HostState {
  active: number;
  waiting: Array<() => void>;
}

export function createHostLimiter(perHost: number): HostLimiter {
  if (!Number.isInteger(perHost) || perHost < 1) throw new RangeError(`perHost must be a positive integer, got ${perHost}`);
  const hosts = new Map<string, HostState>();

  const release = (host: string, state: HostState) => {
    const next = state.waiting.shift();
    if (next) return next(); // hand the slot over directly: active stays the same
    state.active--;
    if (state.active === 0) hosts.delete(host);
  };

  return {
    async run<T>(host: string, task: () => Promise<T>): Promise<T> {
      let state = hosts.get(host);
      if (!state) hosts.set(host, (state = { active: 0, waiting: [] }));
      if (state.active < perHost) state.active++;
      else await new Promise<void>((resolve) => state.waiting.push(resolve));
      try {
        return await task();
      } finally {
        release(host, state);
      }
    },
    load(host) {
      const state = hosts.get(host);
      return { active: state?.active ?? 0, waiting: state?.waiting.length ?? 0 };
    },
  };
}

/** The limiter key for a URL: hostname and effective port, so two servers on one machine are separate hosts. */
export function hostKey(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname.toLowerCase()}:${port}`;
}
