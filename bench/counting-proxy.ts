/** A loopback TCP proxy that counts the bytes each way and the connections, for "bytes on the wire". */
import { createServer, connect, type Server, type Socket } from 'node:net';

export class CountingProxy {
  up = 0;
  down = 0;
  connections = 0;
  private server: Server;
  private sockets = new Set<Socket>();
  port = 0;

  constructor(private target: number) {
    this.server = createServer((client) => {
      this.connections++;
      const upstream = connect(this.target, '127.0.0.1');
      this.sockets.add(client).add(upstream);
      client.on('data', (b) => (this.up += b.length));
      upstream.on('data', (b) => (this.down += b.length));
      client.pipe(upstream).pipe(client);
      const end = () => (client.destroy(), upstream.destroy());
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  reset(): void {
    this.up = 0;
    this.down = 0;
    this.connections = 0;
  }

  async close(): Promise<void> {
    this.sockets.forEach((s) => s.destroy());
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
