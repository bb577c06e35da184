import { once } from 'node:events';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TcpProxy } from './tcp-proxy';

/** Sends `text` through a new connection and resolves with the echo, or rejects with the socket's error. */
function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(text));
    socket.on('data', (data) => {
      resolve(data.toString());
      socket.destroy();
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('closed')));
  });
}

describe(TcpProxy.name, () => {
  let echo: Server;
  let sut: TcpProxy;

  beforeEach(async () => {
    echo = createServer((socket) => socket.on('error', () => undefined).pipe(socket));
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    sut = new TcpProxy({ targetHost: '127.0.0.1', targetPort: (echo.address() as AddressInfo).port });
    await sut.start();
  });
  afterEach(async () => {
    await sut.stop();
    echo.close();
  });

  it('forwards both ways', async () => {
    expect(await roundTrip(sut.port, 'hello')).toBe('hello');
    expect(sut.acceptedCount).toBe(1);
  });

  it('resets open connections on cut, refuses new ones while cut, and forwards again after restore', async () => {
    const open: Socket = createConnection({ host: '127.0.0.1', port: sut.port });
    await once(open, 'connect');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const errors: string[] = [];
    open.on('error', (error: NodeJS.ErrnoException) => errors.push(error.code ?? error.message));
    const closed = new Promise((resolve) => open.on('close', resolve));

    sut.cut();

    await closed;
    expect(errors).toEqual(['ECONNRESET']);
    await expect(roundTrip(sut.port, 'anyone?')).rejects.toThrow(/ECONNRESET|socket hang up|closed/);
    expect(sut.refusedCount).toBe(1);
    sut.restore();
    expect(await roundTrip(sut.port, 'back')).toBe('back');
  });

  it('rewrites the host and port of a MongoDB URI, keeping credentials, database and options', () => {
    expect(() => TcpProxy.forUri('mongodb://db.example/accord')).toThrow(/names no port/);
    expect(sut.proxiedUri('mongodb://user:pw@db.example:27017/accord?authSource=admin')).toBe(
      `mongodb://user:pw@127.0.0.1:${sut.port}/accord?authSource=admin`,
    );
  });
});
