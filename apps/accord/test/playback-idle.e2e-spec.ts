import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { GuildSettingsService } from '../src/domain/guilds/guild-settings.service';
import { LavalinkService } from '../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../src/domain/playback/playback.service';
import { eventually, startTestBot, type TestBot } from './support/test-bot';

const catalogue = [youtubeTrack({ author: 'Massive Attack', title: 'Teardrop', length: 330_000 })];
const ana = UserFactory.create({ username: 'ana' });

describe('Idle leave and 24/7 (end to end on the fakes)', () => {
  let bot: TestBot;
  let voiceChannelId: string;

  beforeAll(async () => {
    const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    voiceChannelId = GuildFactory.voiceChannel(guild).id;
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue });
    await eventually(() => bot.app.get(LavalinkService).isAvailable());
    await bot.app.get(GuildSettingsService).update(guild.id, { idleTimeoutS: 1 });
  });
  afterAll(async () => {
    await bot?.close();
  });

  const startPlaying = async (): Promise<void> => {
    bot.discord.joinVoice(bot.guild.id, ana.id, voiceChannelId);
    await eventually(() => bot.discord.voiceStates(bot.guild.id).some((state) => state.user_id === ana.id));
    const found = await bot.app.get(LavalinkService).load('Teardrop', 'ytsearch');
    if (found.type !== 'search') throw new Error('no search result');
    await bot.app.get(PlaybackService).enqueue(
      {
        guildId: bot.guild.id,
        userId: ana.id,
        voiceChannelId,
        textChannelId: GuildFactory.textChannel(bot.guild).id,
      },
      [found.tracks[0]],
    );
    await eventually(() => bot.lavalink[0].player(bot.guild.id)?.track);
  };

  it('pauses when the last listener leaves, then leaves the channel after the idle timeout', async () => {
    await startPlaying();
    bot.discord.leaveVoice(bot.guild.id, ana.id);
    await eventually(() => bot.lavalink[0].player(bot.guild.id)?.paused);
    await eventually(() => bot.discord.botVoiceChannel(bot.guild.id) === null, 10_000);
    expect(bot.app.get(PlaybackService).snapshot(bot.guild.id)).toBeNull();
  });

  it('stays in the empty channel with 24/7 on', async () => {
    await startPlaying();
    await bot.app.get(PlaybackService).set247(bot.guild.id, true);
    bot.discord.leaveVoice(bot.guild.id, ana.id);
    await eventually(() => bot.lavalink[0].player(bot.guild.id)?.paused);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(bot.discord.botVoiceChannel(bot.guild.id)).toBe(voiceChannelId);
    expect(bot.app.get(PlaybackService).snapshot(bot.guild.id)?.twentyFourSeven).toBe(true);
  });
});
