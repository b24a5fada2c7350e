/**
 * A TCP proxy that cuts connections at chosen byte offsets, in either direction, to
 * play the pithead: the request cut before it is complete, the answer lost after the
 * server committed, the answer cut half-way. A hook can run phone-side code at the
 * moment the server starts answering (an edit made while the push is in flight).
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface CutPlan {
  /** 'up': client → server bytes; 'down': server → client bytes; 'none': no cut. */
  dir: 'up' | 'down' | 'none';
  /** Bytes let through (over the connection's lifetime) before the cut. */
  offset: number;
}

export class FaultProxy {
  private server: Server;
  private sockets = new Set<Socket>();
  port = 0;
  cuts = 0;
  /** Bytes that crossed the proxy, headers included: what the radio link would carry. */
  wireUp = 0;
  wireDown = 0;
  /** Decides the fate of each new connection. */
  planner: () => CutPlan = () => ({ dir: 'none', offset: 0 });
  /** Awaited when the server starts an answer, before its bytes go on. */
  onAnswer: (() => Promise<void>) | null = null;

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.handle(client));
  }

  listen(): Promise<void> {
    return new Promise((ok) => this.server.listen(0, '127.0.0.1', () => {
      this.port = (this.server.address() as AddressInfo).port;
      ok();
    }));
  }

  /** Drops every open connection: coverage gone; the next request opens a new one. */
  async reset(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise((ok) => setImmediate(ok));
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((ok) => this.server.close(() => ok()));
  }

  private handle(client: Socket): void {
    const plan = this.planner();
    const upstream = connect(this.targetPort, '127.0.0.1');
    // No Nagle: otherwise streamed (gzip) answers stall on delayed ACKs in the proxy itself.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    this.sockets.add(client);
    this.sockets.add(upstream);
    let up = 0;
    let down = 0;
    let awaitingAnswer = false;
    let dead = false;
    const kill = () => {
      if (dead) return;
      dead = true;
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    const cutAfter = (to: Socket, part: Buffer) => {
      this.cuts++;
      if (part.length > 0) to.write(part, kill);
      else kill();
    };

    client.on('data', (chunk: Buffer) => {
      if (dead) return;
      awaitingAnswer = true;
      if (plan.dir === 'up' && up + chunk.length > plan.offset) {
        cutAfter(upstream, chunk.subarray(0, plan.offset - up));
        return;
      }
      up += chunk.length;
      this.wireUp += chunk.length;
      upstream.write(chunk);
    });

    const forwardDown = (chunk: Buffer) => {
      if (dead) return;
      if (plan.dir === 'down' && down + chunk.length > plan.offset) {
        cutAfter(client, chunk.subarray(0, plan.offset - down));
        return;
      }
      down += chunk.length;
      this.wireDown += chunk.length;
      client.write(chunk);
    };
    upstream.on('data', (chunk: Buffer) => {
      if (dead) return;
      if (awaitingAnswer && this.onAnswer) {
        awaitingAnswer = false;
        upstream.pause();
        void this.onAnswer().finally(() => {
          forwardDown(chunk);
          if (!dead) upstream.resume();
        });
        return;
      }
      awaitingAnswer = false;
      forwardDown(chunk);
    });

    for (const s of [client, upstream]) {
      s.on('error', kill);
      s.on('close', kill);
    }
  }
}
