/**
 * A link that is cut: a fetch for the photo sender that, at random, loses the request before
 * it arrives, cuts a PATCH body at a random byte (the server gets a prefix, then the socket
 * closes), or loses the answer after the server acted. Shared by the sender test and the bench.
 */
import { request } from 'node:http';

export interface CutLink { fetch: (url: string, init: RequestInit) => Promise<Response>; cuts: number }

export function cutLink(rate: number, random: () => number): CutLink {
  const link: CutLink = {
    cuts: 0,
    fetch: async (url, init) => {
      const r = random();
      if (r < rate / 3) {
        link.cuts++;
        throw new TypeError('Failed to fetch (request lost)');
      }
      if (r < (2 * rate) / 3 && init.method === 'PATCH' && init.body instanceof Uint8Array && init.body.length > 1) {
        link.cuts++;
        await partialBody(url, init, init.body, 1 + Math.floor(random() * (init.body.length - 1)));
        throw new TypeError('Failed to fetch (cut mid-body)');
      }
      const res = await fetch(url, init);
      if (r < rate) {
        link.cuts++;
        await res.arrayBuffer();
        throw new TypeError('Failed to fetch (answer lost)');
      }
      return res;
    },
  };
  return link;
}

/** Sends `cut` bytes of the body with the full Content-Length, then closes the socket. */
function partialBody(url: string, init: RequestInit, body: Uint8Array, cut: number): Promise<void> {
  return new Promise((ok) => {
    const headers = { ...(init.headers as Record<string, string>), 'Content-Length': String(body.length) };
    const req = request(url, { method: 'PATCH', headers });
    req.on('error', () => ok());
    req.write(body.subarray(0, cut), () => {
      setTimeout(() => { req.destroy(); ok(); }, 5);
    });
  });
}
