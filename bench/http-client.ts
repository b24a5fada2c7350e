/**
 * A lean HTTP client for the throughput figure: node:http over kept-alive sockets. Node's
 * fetch costs the load generator several times the server's own work per request, and on a
 * 2-core machine the generator shares the cores with the server: the figure then measured
 * the client (the server sat ~45% idle under fetch, seen in a CPU profile).
 */
import { Agent, request } from 'node:http';

export function keepAliveAgent(sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets });
}

/** POSTs a JSON body and resolves with the status once the answer is read whole. */
export function postJson(agent: Agent, url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
