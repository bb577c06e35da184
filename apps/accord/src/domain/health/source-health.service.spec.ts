import { Logger } from '@nestjs/common';
import type { SourceAttemptedEvent } from '@accord/core';
import { SourceHealthService } from './source-health.service';

describe(SourceHealthService.name, () => {
  let now = Date.parse('2026-12-04T21:00:00Z');
  const clock = { now: () => new Date(now) };
  const cipher = {
    message:
      '(yts.version: 1.18.2) All clients failed to load the item.\n\nClient [WEB] failed: Must find n function from script: https://www.youtube.com/s/player/6740c111/player_ias.vflset/en_US/base.js',
    severity: 'suspicious' as const,
    cause: null,
  };
  const failed = (source: string): SourceAttemptedEvent => ({
    source,
    stage: 'play',
    outcome: 'failed',
    exception: cipher,
    at: new Date(now++),
  });
  const started = (source: string): SourceAttemptedEvent => ({
    source,
    stage: 'play',
    outcome: 'played',
    at: new Date(now++),
  });
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;
  const said = (spy: jest.SpyInstance): string[] => spy.mock.calls.map((call: unknown[]) => String(call[0]));

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('warns once with the steps when YouTube breaks, however many failures follow, and once when it recovers', () => {
    const sut = new SourceHealthService(clock);

    for (let n = 0; n < 12; n++) sut.onAttempted(failed('youtube'));
    const broken = sut.youtube();
    for (let n = 0; n < 3; n++) sut.onAttempted(started('youtube'));

    expect(broken).toMatchObject({
      state: 'degraded',
      attempts: 12,
      breakageFailures: 12,
      newestCause: { kind: 'cipher' },
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(said(warn)[0]).toMatch(
      /^YouTube looks broken on YouTube's side: 5 of the last 5 YouTube attempts failed, newest: .*Must find n function.* To fix: 1\. Update the plugin.* 2\. Check the cipher service.* 3\. Check the clients.* 4\. Last resort.*\(README, "When YouTube stops playing"\)$/,
    );
    expect(log).toHaveBeenCalledTimes(1);
    expect(said(log)[0]).toBe('YouTube plays again: the last 3 YouTube tracks played');
    expect(sut.youtube().state).toBe('ok');
  });

  it("keeps other sources' failures apart and never calls them broken", () => {
    const sut = new SourceHealthService(clock);

    for (let n = 0; n < 10; n++) sut.onAttempted(failed('soundcloud'));

    expect(sut.youtube()).toMatchObject({ state: 'ok', attempts: 0 });
    expect(warn).not.toHaveBeenCalled();
  });

  it('counts a stuck track as a failure that is not a YouTube-side change', () => {
    const sut = new SourceHealthService(clock);

    for (let n = 0; n < 6; n++)
      sut.onAttempted({ source: 'youtube', stage: 'play', outcome: 'stuck', at: new Date(now++) });

    expect(sut.youtube()).toMatchObject({ state: 'ok', attempts: 6, failures: 6, breakageFailures: 0 });
  });
});
