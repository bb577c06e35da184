import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PortLocator } from './port-locator';
import { GUILD_HISTORY, type GuildHistoryPort } from './ports';

@Injectable()
class HistoryQueryStub implements GuildHistoryPort {
  recentHistory = (): Promise<never[]> => Promise.resolve([]);
  coListened = (): Promise<never[]> => Promise.resolve([]);
}

/** Stands for the history module: it provides the port, without exporting it. */
@Module({ providers: [HistoryQueryStub, { provide: GUILD_HISTORY, useExisting: HistoryQueryStub }] })
class HistoryStubModule {}

@Module({ providers: [PortLocator], exports: [PortLocator] })
class LocatorModule {}

describe(PortLocator.name, () => {
  it('finds a port wherever in the app it is provided, and answers null for one nobody provides', async () => {
    const app = await Test.createTestingModule({ imports: [HistoryStubModule, LocatorModule] }).compile();
    const sut = app.get(PortLocator);

    expect(sut.guildHistory()).toBeInstanceOf(HistoryQueryStub);
    expect(sut.listenerProfiles()).toBeNull();
  });
});
