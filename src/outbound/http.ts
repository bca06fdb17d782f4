/**
 * The outbound HTTP client: one request, a deadline, a capped answer, no redirects followed, and the SSRF guard for
 * targets added in the app (the address is checked on connect, so DNS rebinding cannot get round it).
 */
import { Agent, request, type Dispatcher } from 'undici';
import { checkUrlTarget, guardedLookup } from '../fetch/ssrf.js';

export interface OutboundRequest {
  method: 'POST' | 'PUT' | 'DELETE' | 'GET';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export type OutboundAnswer =
  | { ok: true; status: number; headers: Record<string, string>; text: string }
  | { ok: false; error: string };

export type OutboundHttp = (req: OutboundRequest) => Promise<OutboundAnswer>;

const MAX_ANSWER = 64 * 1024;

export function createOutboundHttp(opts: { guard: boolean; timeoutMs?: number }): OutboundHttp & { close(): Promise<void> } {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const agent: Dispatcher = new Agent({ keepAliveTimeout: 10_000, ...(opts.guard ? { connect: { lookup: guardedLookup } } : {}) });
  const send = async (req: OutboundRequest): Promise<OutboundAnswer> => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return { ok: false, error: `not a URL: ${req.url}` };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: `${url.protocol} is not http or https` };
    if (opts.guard) {
      const blocked = checkUrlTarget(url);
      if (blocked) return { ok: false, error: blocked };
    }
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const res = await request(url, { method: req.method, headers: { 'user-agent': 'Vigie (+https://github.com/)', ...req.headers }, body: req.body, dispatcher: agent, signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      let text = '';
      for await (const chunk of res.body) {
        if (text.length < MAX_ANSWER) text += (chunk as Buffer).toString('utf8');
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
      return { ok: true, status: res.statusCode, headers, text: text.slice(0, MAX_ANSWER) };
    } catch (err) {
      const e = err as Error & { code?: string };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') return { ok: false, error: `${url.host} did not answer within ${Math.round(timeoutMs / 1000)} s` };
      return { ok: false, error: `${url.host}: ${e.code ?? e.message}` };
    }
  };
  return Object.assign(send, { close: () => agent.close() });
}
