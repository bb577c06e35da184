import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { DiscordAPIError, Events, Status, type Client } from 'discord.js';
import type { AppConfig } from '../../config/app-config';
import { DiscordGatewayService } from './discord-gateway.service';

/** The parts of the discord.js client the service uses, scriptable per test. */
class FakeClient extends EventEmitter {
  readonly ws = { status: Status.Idle, ping: -1, destroyed: false };
  readonly rest = { setToken: jest.fn(), get: jest.fn<Promise<unknown>, [string]>() };
  readonly login = jest.fn(() => {
    this.ws.status = Status.Ready;
    return Promise.resolve('token');
  });
  readonly destroy = jest.fn(() => Promise.resolve());

  isReady(): boolean {
    return this.ws.status === Status.Ready && !this.ws.destroyed;
  }
}

const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
const unauthorized = () =>
  new DiscordAPIError({ message: '401: Unauthorized', code: 0 }, 0, 401, 'GET', '/gateway/bot', {});

describe(DiscordGatewayService.name, () => {
  const config = { discord: { token: 'bot-token' } } as AppConfig;
  let client: FakeClient;
  let exit: jest.Mock<void, [number]>;
  let sut: DiscordGatewayService;
  let errors: jest.SpyInstance;
  let warnings: jest.SpyInstance;

  beforeEach(() => {
    client = new FakeClient();
    exit = jest.fn<void, [number]>();
    sut = new DiscordGatewayService(client as unknown as Client, config, exit);
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await sut.onApplicationShutdown();
    jest.restoreAllMocks();
  });

  it('logs in during boot when Discord answers', async () => {
    client.rest.get.mockResolvedValue({ url: 'wss://gateway.discord.gg' });

    await sut.onApplicationBootstrap();

    expect(client.login).toHaveBeenCalledWith('bot-token');
    expect(sut.isReady()).toBe(true);
    expect(sut.loginState()).toEqual({ phase: 'logged-in' });
  });

  it('lets boot finish while Discord is unreachable, then logs in on a later attempt', async () => {
    client.rest.get.mockRejectedValueOnce(refused()).mockResolvedValue({ url: 'wss://gateway.discord.gg' });

    await sut.onApplicationBootstrap();

    expect(client.login).not.toHaveBeenCalled();
    expect(sut.loginState()).toMatchObject({
      phase: 'connecting',
      attempt: 1,
      lastError: expect.stringContaining('ECONNREFUSED') as string,
    });
    expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/; login attempt 2 in [\d.]+ s$/));
    await waitFor(() => sut.loginState().phase === 'logged-in', 3_000);
    expect(client.login).toHaveBeenCalledTimes(1);
    expect(exit).not.toHaveBeenCalled();
  });

  it('marks the client usable again when a login fails half way', async () => {
    client.rest.get.mockResolvedValue({ url: 'wss://gateway.discord.gg' });
    client.login.mockImplementationOnce(() => {
      client.ws.destroyed = true; // what discord.js 14 leaves behind after a failed login()
      return Promise.reject(refused());
    });

    await sut.onApplicationBootstrap();
    await waitFor(() => sut.loginState().phase === 'logged-in', 3_000);

    expect(sut.isReady()).toBe(true);
  });

  it('exits 1 with one line when Discord refuses the token', async () => {
    client.rest.get.mockRejectedValue(unauthorized());

    await sut.onApplicationBootstrap();

    expect(exit).toHaveBeenCalledWith(1);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/DISCORD_TOKEN.*Accord stops\.$/));
    expect(client.login).not.toHaveBeenCalled();
  });

  it('exits 1 once when the gateway closes with 4004 while running', async () => {
    client.rest.get.mockResolvedValue({ url: 'wss://gateway.discord.gg' });
    await sut.onApplicationBootstrap();

    client.emit(Events.ShardDisconnect, { code: 4004 }, 0);
    client.emit(Events.ShardDisconnect, { code: 4004 }, 1);

    expect(exit).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledTimes(1);
  });

  it('leaves recoverable closes to discord.js', async () => {
    client.rest.get.mockResolvedValue({ url: 'wss://gateway.discord.gg' });
    await sut.onApplicationBootstrap();

    client.emit(Events.ShardDisconnect, { code: 4000 }, 0);

    expect(exit).not.toHaveBeenCalled();
    expect(warnings).toHaveBeenCalledWith('Gateway shard 0 disconnected (4000)');
  });

  it('stops retrying on shutdown', async () => {
    client.rest.get.mockRejectedValue(refused());
    await sut.onApplicationBootstrap();

    await sut.onApplicationShutdown();
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    expect(client.rest.get).toHaveBeenCalledTimes(1);
    expect(sut.loginState()).toEqual({ phase: 'stopped' });
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
