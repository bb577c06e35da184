import { ChannelType } from 'discord.js';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { LavalinkService } from '../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../src/domain/playback/playback.service';
import { eventually, startTestBot, type TestBot } from './support/test-bot';

const catalogue = [
  youtubeTrack({ author: 'Robyn', title: 'Dancing On My Own', length: 280_000 }),
  youtubeTrack({ author: 'Lorde', title: 'Green Light', length: 234_000 }),
];
const ana = UserFactory.create({ username: 'ana' });

describe('Playback when every Lavalink node is gone (end to end on the fakes)', () => {
  let bot: TestBot;
  let textChannelId: string;

  beforeAll(async () => {
    const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    textChannelId = guild.channels.find((channel) => channel.type === ChannelType.GuildText)!.id;
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue });
    await eventually(() => bot.app.get(LavalinkService).isAvailable());
    bot.discord.joinVoice(guild.id, ana.id, GuildFactory.voiceChannel(guild).id);
    await eventually(() => bot.discord.voiceStates(guild.id).some((state) => state.user_id === ana.id));
  });
  afterAll(async () => {
    await bot?.close();
  });

  const command = async (name: string, options?: Record<string, string>) => {
    const handle = bot.discord.slashCommand({
      guildId: bot.guild.id,
      channelId: textChannelId,
      userId: ana.id,
      name,
      options,
    });
    await bot.discord.waitForInteractionReply(handle.id);
    return eventually(() => {
      const responses = bot.discord.interactionResponses(handle.id);
      const last = responses.at(-1)?.body as { content?: string; data?: { content?: string } } | undefined;
      return last?.data?.content ?? last?.content;
    });
  };

  it('answers that audio is unavailable, keeps the queue, and plays on when the node returns', async () => {
    await command('play', { query: 'Robyn - Dancing On My Own' });
    await command('play', { query: 'Lorde - Green Light' });
    const node = bot.lavalink[0];
    await eventually(() => node.player(bot.guild.id)?.track?.title === 'Dancing On My Own');
    node.setPosition(bot.guild.id, 42_000);
    await eventually(() => (bot.app.get(PlaybackService).snapshot(bot.guild.id)?.current?.positionMs ?? 0) >= 42_000);

    await node.kill();
    expect(await command('pause')).toMatch(/Audio is unavailable/);
    const kept = bot.app.get(PlaybackService).snapshot(bot.guild.id);
    expect(kept?.current?.entry.track.title).toBe('Dancing On My Own');
    expect(kept?.queue.map((entry) => entry.track.title)).toEqual(['Green Light']);

    // A Lavalink that restarted has no session: the bot sends the player's whole state again.
    await node.restart();
    const player = await eventually(() => node.player(bot.guild.id)?.track && node.player(bot.guild.id), 20_000);
    expect(player?.track?.title).toBe('Dancing On My Own');
    expect(player?.position).toBeGreaterThanOrEqual(42_000);
    const lavalink = bot.app.get(LavalinkService);
    await eventually(() => lavalink.playerReady(bot.guild.id));
    expect(await command('pause')).toMatch(/Paused/i);
    await eventually(() => node.player(bot.guild.id)?.paused);
  });
});
