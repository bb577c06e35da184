import { getConnectionToken } from '@nestjs/mongoose';
import type { APIEmbed } from 'discord.js';
import type { Connection } from 'mongoose';
import type { PlayerStateDto } from '@accord/contracts';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import {
  decodeTrack,
  soundcloudTrack,
  youtubeTrack,
  type FakeLavalinkNode,
  type TrackInfoPayload,
} from '@accord/testkit/lavalink';
import type { TrackDocument } from '../src/domain/catalog/track.schema';
import { SourceHealthService } from '../src/domain/health/source-health.service';
import { ADMIN_ENV, loginWithPassword, type PanelClient } from './support/admin-session';
import { eventually, nowPlayingMessageOf, readyForCommands, startTestBot, type TestBot } from './support/test-bot';

const oneMoreTime = youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 });
const genesis = youtubeTrack({ author: 'Justice', title: 'Genesis', length: 234_000 });
const nightcall = youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 258_000 });
const onSoundcloud = soundcloudTrack({ author: 'Daft Punk', title: 'One More Time', length: 321_000 });
const catalogue = [
  oneMoreTime,
  genesis,
  nightcall,
  soundcloudTrack({ author: 'Kavinsky', title: 'Nightcall', length: 257_000 }),
  soundcloudTrack({ author: 'Daft Punk', title: 'One More Time (Live)', length: 330_000 }),
  onSoundcloud,
  // SoundCloud streams only 30 s of this one: a preview, never the song.
  soundcloudTrack({ author: 'Justice', title: 'Genesis', length: 30_000 }),
];
const ana = UserFactory.create({ username: 'ana' });
// What youtube-plugin 1.18 answers once YouTube's player script changed (see youtube-health.e2e-spec.ts).
const CIPHER_FAILURE =
  'All clients failed to load the item.\n\nClient [WEB] failed: Must find sig function from script: ' +
  'https://www.youtube.com/s/player/6740c111/player_ias.vflset/en_US/base.js';

describe('Fallback sources (end to end on the fakes)', () => {
  let bot: TestBot;
  let node: FakeLavalinkNode;
  let textChannelId: string;
  let owner: PanelClient;

  const guildId = (): string => bot.guild.id;
  const trackDoc = async (key: string): Promise<TrackDocument | null> =>
    bot.app.get<Connection>(getConnectionToken()).collection<TrackDocument>('tracks').findOne({ key });
  const nowPlaying = (): APIEmbed => nowPlayingMessageOf(bot, guildId())?.embeds?.[0] ?? {};
  const playing = (): TrackInfoPayload | undefined => node.player(guildId())?.track ?? undefined;
  const play = async (query: string): Promise<void> => {
    const command = bot.discord.slashCommand({
      guildId: guildId(),
      channelId: textChannelId,
      userId: ana.id,
      name: 'play',
      options: { query },
    });
    await bot.discord.waitForInteractionReply(command.id);
  };

  beforeAll(async () => {
    const guild = GuildFactory.create({ members: [MemberFactory.create({ user: ana })] });
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue, env: ADMIN_ENV });
    owner = await loginWithPassword(bot);
    [node] = bot.lavalink;
    await readyForCommands(bot, guild.id);
    bot.discord.joinVoice(guild.id, ana.id, GuildFactory.voiceChannel(guild).id);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('plays a song whose video fails, with no other video to pin, from SoundCloud, and records it', async () => {
    await play('Daft Punk - One More Time');
    await node.waitFor(() => playing()?.identifier === oneMoreTime.identifier);
    node.loadTrackCalls.length = 0;
    const patchesBefore = node.patches(guildId()).length;

    node.failTrack(guildId(), 'This video is unavailable');
    await node.waitFor(() => playing()?.sourceName === 'soundcloud');

    expect(node.loadTrackCalls).toContain('scsearch:Daft Punk - One More Time');
    const sent = node
      .patches(guildId())
      .slice(patchesBefore)
      .flatMap((patch) => (patch.track?.encoded ? [decodeTrack(patch.track.encoded)] : []));
    expect(sent).toEqual([expect.objectContaining({ identifier: onSoundcloud.identifier, sourceName: 'soundcloud' })]);
    const doc = await trackDoc('daftpunk|onemoretime|none');
    expect(doc).toMatchObject({
      youtubeId: oneMoreTime.identifier,
      unavailable: false,
      alternates: [
        {
          source: 'soundcloud',
          lavalink: expect.objectContaining({
            identifier: onSoundcloud.identifier,
            uri: 'https://soundcloud.com/daft-punk/one-more-time',
          }) as unknown,
        },
      ],
    });
    const embed = await eventually(() => nowPlaying().description?.includes('via SoundCloud') && nowPlaying());
    expect(embed.description).toContain('by **Daft Punk** · via SoundCloud');
    const panel = await owner.request({ method: 'GET', url: `/api/v1/guilds/${guildId()}/player` });
    expect(panel.json<PlayerStateDto>().current?.entry.track).toMatchObject({
      sourceName: 'soundcloud',
      uri: 'https://soundcloud.com/daft-punk/one-more-time',
    });
  });

  it('uses the YouTube pin again once YouTube plays it', async () => {
    node.finishTrack(guildId());
    await eventually(() => !node.player(guildId())?.track);

    await play('Daft Punk - One More Time');
    await node.waitFor(() => playing()?.identifier === oneMoreTime.identifier);

    expect(playing()?.sourceName).toBe('youtube');
    // The message follows the new song (its YouTube length, 5:20) and no longer names SoundCloud.
    const embed = await eventually(() => nowPlaying().description?.includes('/ 5:20') && nowPlaying());
    expect(embed.description).not.toContain('via');
  });

  it('skips a song with a short notice when SoundCloud has only a preview of it', async () => {
    node.finishTrack(guildId());
    await eventually(() => !node.player(guildId())?.track);
    await play('Justice - Genesis');
    await node.waitFor(() => playing()?.identifier === genesis.identifier);
    node.loadTrackCalls.length = 0;

    node.failTrack(guildId(), 'This video is unavailable');

    const embed = await eventually(() => nowPlaying().description?.includes('⚠️ Skipped') && nowPlaying());
    expect(embed.description).toContain('⚠️ Skipped Genesis');
    expect(node.loadTrackCalls).toContain('scsearch:Justice - Genesis');
    expect(playing()).toBeUndefined();
    const doc = await trackDoc('justice|genesis|none');
    expect(doc).toMatchObject({ unavailable: true });
    expect(doc?.alternates).toBeUndefined();
  });

  it('goes straight to SoundCloud while YouTube is degraded, leaving the pin and its failures alone', async () => {
    const health = bot.app.get(SourceHealthService);
    for (let n = 10; n < 40 && health.youtube().state !== 'degraded'; n++) {
      const link = `https://www.youtube.com/watch?v=cipherbrk${n}`;
      node.failLoad(
        link,
        CIPHER_FAILURE,
        'suspicious',
        `dev.lavalink.youtube.AllClientsFailedException: ${CIPHER_FAILURE}`,
      );
      await play(link);
    }
    expect(health.youtube().state).toBe('degraded');
    await play('Kavinsky - Nightcall');
    await node.waitFor(() => playing()?.identifier === nightcall.identifier);
    node.loadTrackCalls.length = 0;

    node.failTrack(guildId(), CIPHER_FAILURE, 'suspicious');
    await node.waitFor(() => playing()?.sourceName === 'soundcloud');

    expect(node.loadTrackCalls).toEqual(['scsearch:Kavinsky - Nightcall']);
    expect(await trackDoc('kavinsky|nightcall|none')).toMatchObject({
      youtubeId: nightcall.identifier,
      unavailable: false,
      failures: 0,
      failedVideoIds: [],
      alternates: [{ source: 'soundcloud' }],
    });
  });
});
