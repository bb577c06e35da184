import type { Model } from 'mongoose';
import { GuildRepository } from './guild.repository';
import type { GuildDocument } from './guild.schema';
import type { PersistedSession } from './guild-session.types';

/** A `guilds` model whose writes finish only when the test says so, in the order they started. */
function heldModel(): { model: Model<GuildDocument>; started: string[]; finishNext: () => void } {
  const started: string[] = [];
  const pending: Array<() => void> = [];
  const model = {
    updateOne: (_filter: unknown, update: { $set: Record<string, unknown> }) => ({
      exec: () => {
        started.push(Object.keys(update.$set).join(','));
        return new Promise<void>((resolve) => pending.push(resolve));
      },
    }),
  } as unknown as Model<GuildDocument>;
  return { model, started, finishNext: () => pending.shift()?.() };
}

const settle = async (): Promise<void> => {
  for (let turn = 0; turn < 10; turn++) await Promise.resolve();
};

describe(GuildRepository.name, () => {
  it("writes one guild's document one write at a time, so a session write cannot undo a settings change", async () => {
    const { model, started, finishNext } = heldModel();
    const sut = new GuildRepository(model);

    const session = sut.saveSession('guild-1', {} as PersistedSession);
    const settings = sut.updateSettings('guild-1', { autoplay: false });
    const other = sut.updateSettings('guild-2', { autoplay: true });
    await settle();
    expect(started).toEqual(['session,sessionActive', 'settings.autoplay']);

    finishNext(); // guild-1's session
    finishNext(); // guild-2's settings
    await settle();
    expect(started).toEqual(['session,sessionActive', 'settings.autoplay', 'settings.autoplay']);
    finishNext();
    await Promise.all([session, settings, other]);
  });
});
