import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { GuildSettingsService } from '../src/domain/guilds/guild-settings.service';
import { HistoryWriter } from '../src/domain/history/history-writer.service';
import { LavalinkService } from '../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../src/domain/playback/playback.service';
import { eventually, lavalinkConnected, startTestBot, type TestBot } from './support/test-bot';

const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'D.A.N.C.E.', length: 242_000 }),
];
const ana = UserFactory.create({ username: 'ana' });
const ben = UserFactory.create({ username: 'ben' });

interface Embed {
  title?: string;
  description?: string;
  fields?: Array<{ name: string; value: string }>;
}

describe('Privacy: /privacy, /optout and /forget-me (end to end on the fakes)', () => {
  let bot: TestBot;
  let voiceChannelId: string;
  let textChannelId: string;
  let db: Connection;

  const guildId = (): string => bot.guild.id;
  const playback = (): PlaybackService => bot.app.get(PlaybackService);
  const slash = (userId: string, name: string, options?: Record<string, boolean>) =>
    bot.discord.slashCommand({ guildId: guildId(), channelId: textChannelId, userId, name, options });
  const reply = async (id: string): Promise<{ content?: string; embeds?: Embed[] }> =>
    (await bot.discord.waitForInteractionReply(id)).data ?? {};
  const play = async (title: string): Promise<void> => {
    const found = await bot.app.get(LavalinkService).load(title, 'ytsearch');
    if (found.type !== 'search') throw new Error(`no ${title}`);
    await playback().enqueue({ guildId: guildId(), userId: ana.id, voiceChannelId, textChannelId }, [found.tracks[0]]);
    const fake = bot.lavalink[0];
    await fake.waitFor(() => fake.player(guildId())?.track?.title === title && playback().snapshot(guildId())?.current);
  };
  const finish = async (): Promise<void> => {
    const fake = bot.lavalink[0];
    fake.advance(guildId(), 200_000);
    fake.finishTrack(guildId());
    await eventually(() => playback().snapshot(guildId())?.current === null);
    expect(await bot.app.get(HistoryWriter).idle()).toBe(true);
  };
  const plays = async (): Promise<Array<{ listeners: string[]; requestedBy?: string }>> =>
    (await db.collection('plays').find({}).sort({ startedAt: 1 }).toArray()) as unknown as Array<{
      listeners: string[];
      requestedBy?: string;
    }>;

  beforeAll(async () => {
    const guild = GuildFactory.create({ members: [ana, ben].map((user) => MemberFactory.create({ user })) });
    voiceChannelId = GuildFactory.voiceChannel(guild).id;
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue });
    db = bot.app.get<Connection>(getConnectionToken());
    await bot.app.get(GuildSettingsService).update(guild.id, { autoplay: false });
    await eventually(() => bot.lavalink[0].sessionList().length === 1);
    await lavalinkConnected(bot);
    for (const user of [ana, ben]) bot.discord.joinVoice(guild.id, user.id, voiceChannelId);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('stops recording a user who opts out: not a listener, no feedback, no profile change', async () => {
    await play('One More Time');
    await reply(slash(ben.id, 'like').id);
    await finish();
    const opted = await reply(slash(ben.id, 'optout', { enabled: true }).id);
    expect(opted.content).toContain('You have opted out');

    await play('D.A.N.C.E.');
    const refused = await bot.discord.waitForInteractionReply(slash(ben.id, 'like').id);
    expect(JSON.stringify(refused)).toContain('opted out');
    await finish();

    const stored = await plays();
    expect(stored.map((doc) => [...doc.listeners].sort())).toEqual([[ana.id, ben.id].sort(), [ana.id]]);
    const benFeedback = await db.collection('feedback').find({ userId: ben.id }).toArray();
    expect(benFeedback.map((doc) => String(doc.trackKey))).toEqual([
      'daftpunk|onemoretime|none',
      'daftpunk|onemoretime|none',
    ]);

    const privacy = await reply(slash(ben.id, 'privacy').id);
    expect(privacy.embeds?.[0].description).toContain('You have opted out');
  });

  it('shows what is stored, then forgets the user after confirmation; plays stay anonymous', async () => {
    const privacy = await reply(slash(ana.id, 'privacy').id);
    const fields = Object.fromEntries((privacy.embeds?.[0].fields ?? []).map((field) => [field.name, field.value]));
    expect(fields['Plays you were present for']).toMatch(/^2 /);
    expect(fields['Taste profile']).toContain('2 plays counted');

    const { id } = slash(ana.id, 'forget-me');
    const confirm = await reply(id);
    expect(confirm.content).toContain('Delete everything I know about you?');
    const message = bot.discord.originalMessage(id);
    const press = bot.discord.button({
      guildId: guildId(),
      channelId: textChannelId,
      userId: ana.id,
      customId: 'forget:confirm',
      messageId: message!.id,
    });
    await bot.discord.waitForInteractionReply(press.id);
    await eventually(() => bot.discord.originalMessage(id)?.content?.startsWith('Done: I forgot you'));

    expect(await db.collection('profiles').findOne({ _id: ana.id as never })).toBeNull();
    expect(await db.collection('feedback').countDocuments({ userId: ana.id })).toBe(0);
    const stored = await plays();
    expect(stored).toHaveLength(2);
    expect(stored.flatMap((doc) => doc.listeners)).not.toContain(ana.id);
    expect(stored.map((doc) => doc.requestedBy)).toEqual([undefined, undefined]);
    expect(JSON.stringify(stored)).not.toContain(ana.id);
  });
});
