import type { GuildRepository } from './guild.repository';
import { GuildSettingsService } from './guild-settings.service';
import type { GuildSettings } from './guild-settings.types';

type StoredSettings = Partial<Omit<GuildSettings, 'guildId'>>;

/** A repository whose reads answer only when the test lets them, with what was stored when they began. */
class SlowRepository {
  stored: StoredSettings = {};
  private readonly waiting: Array<() => void> = [];

  findSettings = (): Promise<StoredSettings> => {
    const snapshot = { ...this.stored };
    return new Promise((resolve) => this.waiting.push(() => resolve(snapshot)));
  };

  updateSettings = (_guildId: string, patch: StoredSettings): Promise<void> => {
    this.stored = { ...this.stored, ...patch };
    return Promise.resolve();
  };

  /** Answers the reads waiting, the newest first. */
  answerNewestFirst(): void {
    for (const answer of this.waiting.splice(0).reverse()) answer();
  }
}

describe(GuildSettingsService.name, () => {
  it('never caches a read that was on its way while the settings changed', async () => {
    const repository = new SlowRepository();
    const sut = new GuildSettingsService(repository as unknown as GuildRepository);

    const early = sut.get('guild-1'); // reads the settings as they are now: autoplay on
    const updated = sut.update('guild-1', { autoplay: false });
    await new Promise((resolve) => setImmediate(resolve)); // the update wrote and reads again
    repository.answerNewestFirst(); // the early read lands last
    expect((await updated).autoplay).toBe(false);
    expect((await early).autoplay).toBe(true);

    // The next command reads the settings as they are now, not the early read.
    const later = sut.get('guild-1');
    repository.answerNewestFirst();
    expect((await later).autoplay).toBe(false);
  });
});
