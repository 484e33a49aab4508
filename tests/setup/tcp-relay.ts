import { createServer, connect, type Server, type Socket } from 'node:net';

/** A TCP relay on 127.0.0.1 to a server, which a test cuts (every connection dropped, the port closed) and restores on the same port: a server lost while in use, and back. */
export interface TcpRelay {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startRelay(target: { host: string; port: number }): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const listen = (port: number) =>
    new Promise<number>((done) => {
      const relay = createServer((inbound) => {
        const outbound = connect(target.port, target.host);
        sockets.add(inbound).add(outbound);
        inbound.pipe(outbound).pipe(inbound);
        const drop = () => {
          inbound.destroy();
          outbound.destroy();
        };
        inbound.on('error', drop).on('close', drop);
        outbound.on('error', drop).on('close', drop);
      });
      server = relay;
      relay.listen(port, '127.0.0.1', () => done((relay.address() as { port: number }).port));
    });
  const cut = () =>
    new Promise<void>((done) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      const relay = server;
      server = null;
      if (!relay) return done();
      relay.close(() => done());
    });
  const port = await listen(0);
  return { port, cut, restore: () => listen(port).then(() => {}), close: cut };
}
