import * as winston from 'winston';
import Transport from 'winston-transport';
import { shutDownGracefully } from './graceful-shutdown';

class MemoryTransport extends Transport {
  readonly messages: string[] = [];

  override log(info: { message: string }, next: () => void): void {
    this.messages.push(info.message);
    next();
  }
}

function setup(): { logger: winston.Logger; messages: string[]; exit: jest.Mock } {
  const transport = new MemoryTransport();
  const logger = winston.createLogger({ transports: [transport] });
  return { logger, messages: transport.messages, exit: jest.fn() };
}

describe(shutDownGracefully.name, () => {
  it('exits 0 once the app has closed', async () => {
    const { logger, messages, exit } = setup();
    const close = jest.fn().mockResolvedValue(undefined);

    await shutDownGracefully('SIGTERM', { close, logger, timeoutMs: 5_000, exit, now: () => 0 });

    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
    expect(messages).toEqual([
      'SIGTERM received: saving sessions and closing connections (at most 5 s)',
      'Shut down cleanly in 0 ms',
    ]);
  });

  it('exits 1 when closing fails', async () => {
    const { logger, messages, exit } = setup();

    await shutDownGracefully('SIGINT', {
      close: () => Promise.reject(new Error('socket hang up')),
      logger,
      timeoutMs: 5_000,
      exit,
    });

    expect(exit).toHaveBeenCalledWith(1);
    expect(messages).toContain('Shutdown failed');
  });

  it('exits 1 when closing hangs past the bound, and only once', async () => {
    const { logger, messages, exit } = setup();
    let finishClose: () => void = () => undefined;
    const close = (): Promise<void> => new Promise((resolve) => (finishClose = resolve));

    const running = shutDownGracefully('SIGTERM', { close, logger, timeoutMs: 50, exit });
    await new Promise((resolve) => setTimeout(resolve, 120));
    finishClose();
    await running;
    await new Promise((resolve) => setTimeout(resolve, 600));

    expect(exit.mock.calls).toEqual([[1]]);
    expect(messages).toContain('Shutdown did not finish within 0.05 s; exiting anyway');
    expect(messages.some((message) => message.startsWith('Shut down cleanly'))).toBe(false);
  });
});
