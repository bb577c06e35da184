import { EventEmitter2 } from '@nestjs/event-emitter';
import type { APIEmbed, APIMessage } from 'discord.js';
import { DomainEvent, type FeedbackGivenEvent } from '@accord/core';
import type { InteractionHandle, RecordedMessageBody } from '@accord/testkit/discord';
import {
  GuildFactory,
  MemberFactory,
  RoleFactory,
  TextChannelFactory,
  UserFactory,
  VoiceChannelFactory,
  type FakeGuildDefinition,
} from '@accord/testkit/factories';
import { generatePlaylist, youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { NowPlayingService } from '../src/transports/discord/now-playing/now-playing.service';
import { GuildSettingsService } from '../src/domain/guilds/guild-settings.service';
import { toLavalinkVolume } from '../src/domain/playback/audio-settings';
import { PlayRequestService } from '../src/use-cases/play-request/play-request.service';
import { PlaybackService } from '../src/domain/playback/playback.service';
import { eventually, nowPlayingMessageOf, readyForCommands, startTestBot, type TestBot } from './support/test-bot';
import { seenAnswerOf, type SeenAnswer } from './support/interaction-answer';

const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'Genesis', length: 234_000 }),
  youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 258_000 }),
  youtubeTrack({ author: 'Air', title: 'La Femme d Argent', length: 430_000 }),
  youtubeTrack({ author: 'Phoenix', title: 'Lisztomania', length: 241_000 }),
];

const ana = UserFactory.create({ username: 'ana' });
const ben = UserFactory.create({ username: 'ben' });
const cid = UserFactory.create({ username: 'cid' });
const dan = UserFactory.create({ username: 'dan' });
const eve = UserFactory.create({ username: 'eve' });
const djRole = RoleFactory.create({ name: 'DJ' });

describe('Playback commands (end to end on the fakes)', () => {
  let bot: TestBot;
  let node: FakeLavalinkNode;
  let main: FakeGuildDefinition;
  let other: FakeGuildDefinition;
  let text: string;
  let voice: string;
  let otherVoice: string;
  let playlistUrl: string;

  const playback = (): PlaybackService => bot.app.get(PlaybackService);
  const queueTitles = (guildId = main.id): string[] =>
    playback()
      .snapshot(guildId)
      ?.queue.map((entry) => entry.track.title) ?? [];

  const slash = (
    userId: string,
    name: string,
    options?: Record<string, string | number | boolean>,
    guild = main,
  ): InteractionHandle =>
    bot.discord.slashCommand({
      guildId: guild.id,
      channelId: GuildFactory.textChannel(guild).id,
      userId,
      name,
      options,
    });

  const answerOf = (handle: InteractionHandle, timeoutMs = 10_000): Promise<SeenAnswer> =>
    seenAnswerOf(bot.discord, handle, timeoutMs);

  const nowPlayingMessage = (guildId = main.id): APIMessage | undefined => nowPlayingMessageOf(bot, guildId);
  const customIds = (message: { components?: unknown[] } | undefined): string[] =>
    ((message?.components ?? []) as Array<{ components: Array<{ custom_id?: string }> }>).flatMap((row) =>
      row.components.map((component) => component.custom_id ?? ''),
    );
  const embedOf = (message: { embeds?: APIEmbed[] } | undefined): APIEmbed => message?.embeds?.[0] ?? {};

  beforeAll(async () => {
    const voiceChannels = [VoiceChannelFactory.create(), VoiceChannelFactory.create()];
    voice = voiceChannels[0].id;
    otherVoice = voiceChannels[1].id;
    main = GuildFactory.create({
      roles: [djRole],
      channels: [TextChannelFactory.create(), ...voiceChannels],
      members: [ana, ben, cid, eve]
        .map((user) => MemberFactory.create({ user }))
        .concat(MemberFactory.create({ user: dan, roles: [djRole.id] })),
    });
    other = GuildFactory.create({ members: [MemberFactory.create({ user: eve })] });
    text = GuildFactory.textChannel(main).id;
    bot = await startTestBot({ guilds: [main, other], lavalinkCatalogue: catalogue });
    node = bot.lavalink[0];
    playlistUrl = `https://www.youtube.com/playlist?list=${generatePlaylist(node.catalogue, { count: 500, name: 'Big Mix' }).id}`;
    node.catalogue.addPlaylist({ id: 'PLemptyplaylist0001', name: 'Nothing here', tracks: [] });
    await readyForCommands(bot, main.id);
  });
  afterAll(async () => {
    await bot?.close();
  });

  describe('bad input and refusals before anything plays', () => {
    it('refuses /play from someone who is not in a voice channel, ephemerally', async () => {
      const answer = await answerOf(slash(ana.id, 'play', { query: 'Daft Punk One More Time' }));
      expect(answer).toMatchObject({ ephemeral: true, content: 'Join a voice channel first, then try again.' });
      expect(bot.discord.voiceOps).toEqual([]);
    });

    it.each([
      ['a blank query', '   ', /Tell me what to play/],
      ['a 2,000-character query', 'a'.repeat(2_000), /2,000 characters long/],
    ])('answers %s ephemerally and joins nothing', async (_, query, message) => {
      bot.discord.joinVoice(main.id, ana.id, voice);
      const answer = await answerOf(slash(ana.id, 'play', { query }));
      expect(answer.ephemeral).toBe(true);
      expect(answer.content).toMatch(message);
      expect(bot.discord.voiceOps).toEqual([]);
      expect(playback().snapshot(main.id)).toBeNull();
    });

    it.each([
      ['a link to an unsupported site', 'https://vimeo.com/76979871'],
      ['a playlist that loads empty', 'https://www.youtube.com/playlist?list=PLemptyplaylist0001'],
    ])('answers %s ephemerally after deferring, leaving no public reply', async (_, query) => {
      const handle = slash(ana.id, 'play', { query });
      const answer = await answerOf(handle);
      expect(answer.ephemeral).toBe(true);
      expect(answer.content?.length).toBeGreaterThan(10);
      const methods = bot.discord.interactionResponses(handle.id).map((r) => r.method);
      expect(methods).toContain('DELETE');
      expect(playback().snapshot(main.id)).toBeNull();
    });
  });

  describe('playing and controlling', () => {
    it('joins, plays, answers and posts the now-playing message with its buttons', async () => {
      const handle = slash(ana.id, 'play', { query: 'Daft Punk One More Time' });
      const deferred = await bot.discord.waitForInteractionReply(handle.id);
      expect(deferred.type).toBe(5);
      const edit = await bot.discord.waitForOriginalEdit(handle.token);
      expect(edit.content).toBe('▶️ Now playing **One More Time** by Daft Punk (5:20)');

      expect(bot.discord.voiceOps.at(-1)).toMatchObject({ guildId: main.id, channelId: voice });
      await node.waitFor(() => node.player(main.id)?.track?.title === 'One More Time');
      expect(node.patches(main.id).some((patch) => typeof patch.track?.encoded === 'string')).toBe(true);

      const message = await eventually(() => nowPlayingMessage());
      expect(message.channel_id).toBe(text);
      expect(embedOf(message)).toMatchObject({ title: 'One More Time', author: { name: '▶️ Now playing' } });
      expect(embedOf(message).description).toContain(`Requested by <@${ana.id}>`);
      expect(embedOf(message).description).toMatch(/🔘.* \d:\d\d \/ 5:20/);
      expect(embedOf(message).thumbnail?.url).toMatch(/^https:\/\/i\.ytimg\.com\//);
      expect(customIds(message)).toEqual(['np:pause', 'np:skip', 'np:stop', 'np:like', 'np:dislike']);
    });

    it('queues more songs at the end, and answers with their position', async () => {
      const second = await answerOf(slash(ana.id, 'play', { query: 'Justice Genesis' }));
      expect(second.content).toBe('➕ Queued **Genesis** by Justice (3:54) at position 1');
      const third = await answerOf(slash(ana.id, 'play', { query: 'Kavinsky Nightcall' }));
      expect(third.content).toBe('➕ Queued **Nightcall** by Kavinsky (4:18) at position 2');
      expect(queueTitles()).toEqual(['Genesis', 'Nightcall']);
    });

    it('/queue shows the current song and the queued entries', async () => {
      const answer = await answerOf(slash(ben.id, 'queue'));
      expect(answer.ephemeral).toBe(false);
      const embed = embedOf(answer);
      expect(embed.title).toBe('Queue: 2 tracks (8:12)');
      expect(embed.description).toContain('▶️ **One More Time** by Daft Punk (5:20)');
      expect(embed.description).toContain('`1.` **Genesis** by Justice (3:54)');
      expect(embed.description).toContain('`2.` **Nightcall** by Kavinsky (4:18)');
    });

    it('/pause sends paused:true to Lavalink and flips the button to Resume; /resume undoes it', async () => {
      const paused = await answerOf(slash(ana.id, 'pause'));
      expect(paused.content).toBe(`⏸️ Paused by <@${ana.id}>.`);
      expect(node.patches(main.id).some((patch) => patch.paused === true)).toBe(true);
      await eventually(() => embedOf(nowPlayingMessage()).author?.name === '⏸ Paused');
      const again = await answerOf(slash(ana.id, 'pause'));
      expect(again).toMatchObject({ ephemeral: true, content: 'It is already paused. Use /resume.' });

      await answerOf(slash(ana.id, 'resume'));
      await node.waitFor(() => node.player(main.id)?.paused === false);
      await eventually(() => embedOf(nowPlayingMessage()).author?.name === '▶️ Now playing');
    });

    it('answers /remove out of range ephemerally and leaves the queue alone', async () => {
      const answer = await answerOf(slash(ana.id, 'remove', { position: 9 }));
      expect(answer).toMatchObject({
        ephemeral: true,
        content: 'There is no song at position 9: the queue has 2 songs (1-2).',
      });
      expect(queueTitles()).toEqual(['Genesis', 'Nightcall']);
    });

    it('answers /seek past the end or malformed ephemerally; a good time reaches Lavalink', async () => {
      const past = await answerOf(slash(ana.id, 'seek', { time: '9:59' }));
      expect(past).toMatchObject({ ephemeral: true });
      expect(past.content).toMatch(/9:59 is past the end: this track is 5:20 long/);
      const malformed = await answerOf(slash(ana.id, 'seek', { time: '9:99' }));
      expect(malformed).toMatchObject({ ephemeral: true });
      expect(malformed.content).toMatch(/above 59\. Use 1:23/);
      const nonsense = await answerOf(slash(ana.id, 'seek', { time: 'soon' }));
      expect(nonsense.content).toMatch(/"soon" is not a time/);

      const good = await answerOf(slash(ana.id, 'seek', { time: '1:00' }));
      expect(good.content).toBe('⏩ Jumped to 1:00.');
      expect(node.patches(main.id).some((patch) => patch.position === 60_000)).toBe(true);
    });

    it('/volume 50 (alone with the bot) reaches Lavalink and notes the transcoding', async () => {
      const answer = await answerOf(slash(ana.id, 'volume', { level: 50 }));
      expect(answer.content).toMatch(/^🔊 Volume set to 50%\.\n⚙️ Transcoding: volume 50% makes Lavalink re-encode/);
      expect(node.patches(main.id).some((patch) => patch.volume === toLavalinkVolume(50))).toBe(true);
      await eventually(() => embedOf(nowPlayingMessage()).description?.includes('⚙️ Transcoding'));

      const back = await answerOf(slash(ana.id, 'volume', { level: 100 }));
      expect(back.content).toBe('🔊 Volume set to 100%.');
      await node.waitFor(() => node.isPassthrough(main.id));
    });
  });

  describe('permissions', () => {
    it('refuses someone in another voice channel, naming the bot channel', async () => {
      bot.discord.joinVoice(main.id, ben.id, otherVoice);
      const answer = await answerOf(slash(ben.id, 'pause'));
      expect(answer).toMatchObject({
        ephemeral: true,
        content: `I'm playing in <#${voice}>. Join that channel to control the music.`,
      });
      expect(node.player(main.id)?.paused).toBe(false);
    });

    it('refuses /stop by a non-DJ while others listen, and keeps playing', async () => {
      bot.discord.joinVoice(main.id, ben.id, voice);
      await eventually(() => playback().snapshot(main.id)?.listeners.length === 2);
      const answer = await answerOf(slash(ben.id, 'stop'));
      expect(answer.ephemeral).toBe(true);
      expect(answer.content).toMatch(/^Only DJs can do this: you need Manage Server \(no DJ role is set\)/);
      const volume = await answerOf(slash(ben.id, 'volume', { level: 120 }));
      expect(volume.ephemeral).toBe(true);
      expect(playback().snapshot(main.id)?.current?.entry.track.title).toBe('One More Time');
      expect(queueTitles()).toEqual(['Genesis', 'Nightcall']);
    });

    it("lets the guild's DJ role use a destructive command with others present", async () => {
      await bot.app.get(GuildSettingsService).update(main.id, { djRoleId: djRole.id });
      bot.discord.joinVoice(main.id, dan.id, voice);
      const refused = await answerOf(slash(ben.id, 'filter', { preset: 'nightcore' }));
      expect(refused.content).toContain(`the <@&${djRole.id}> role or Manage Server`);
      const answer = await answerOf(slash(dan.id, 'filter', { preset: 'nightcore' }));
      expect(answer.content).toMatch(/^🎛️ Filter set to nightcore\.\n⚙️ Transcoding: the nightcore filter/);
      await node.waitFor(() => node.player(main.id)?.filters.timescale !== undefined);
      await answerOf(slash(dan.id, 'filter', { preset: 'off' }));
      await node.waitFor(() => node.isPassthrough(main.id));
      bot.discord.leaveVoice(main.id, dan.id);
      await eventually(() => playback().snapshot(main.id)?.listeners.length === 2);
    });
  });

  describe('vote skip and the now-playing buttons', () => {
    it('needs two votes of three listeners: /skip starts the vote, the skip button completes it', async () => {
      bot.discord.joinVoice(main.id, cid.id, voice);
      await eventually(() => playback().snapshot(main.id)?.listeners.length === 3);

      const first = await answerOf(slash(ben.id, 'skip'));
      expect(first.ephemeral).toBe(false);
      expect(first.content).toBe(
        `🗳️ <@${ben.id}> voted to skip. 1/2 votes to skip **One More Time** by Daft Punk (5:20); 1 more needed.`,
      );
      expect(node.player(main.id)?.track?.title).toBe('One More Time');

      const message = nowPlayingMessage()!;
      const pressed = bot.discord.button({
        guildId: main.id,
        channelId: text,
        userId: cid.id,
        customId: 'np:skip',
        messageId: message.id,
      });
      const second = await answerOf(pressed);
      expect(second.content).toMatch(
        /^⏭️ Skipped \*\*One More Time\*\* by Daft Punk \(5:20\) \(2\/2 votes\)\.\nUp next: \*\*Genesis\*\*/,
      );
      await node.waitFor(() => node.player(main.id)?.track?.title === 'Genesis');
      await eventually(() => embedOf(nowPlayingMessage()).title === 'Genesis');
      expect(nowPlayingMessage()?.id).toBe(message.id);
    });

    it('lets the requester skip at once with /skip, and Lavalink gets the next track', async () => {
      const answer = await answerOf(slash(ana.id, 'skip'));
      expect(answer.content).toBe(
        '⏭️ Skipped **Genesis** by Justice (3:54).\nUp next: **Nightcall** by Kavinsky (4:18)',
      );
      await node.waitFor(() => node.player(main.id)?.track?.title === 'Nightcall');
    });

    it('pauses and resumes from the button, redrawing the message in place', async () => {
      const message = nowPlayingMessage()!;
      const press = (): InteractionHandle =>
        bot.discord.button({
          guildId: main.id,
          channelId: text,
          userId: ben.id,
          customId: 'np:pause',
          messageId: message.id,
        });
      const paused = await bot.discord.waitForInteractionReply(press().id);
      expect(paused.type).toBe(7);
      await node.waitFor(() => node.player(main.id)?.paused === true);
      expect(customIds(paused.data)[0]).toBe('np:pause');
      expect(embedOf(paused.data).author?.name).toBe('⏸ Paused');
      await bot.discord.waitForInteractionReply(press().id);
      await node.waitFor(() => node.player(main.id)?.paused === false);
    });

    it('answers like and dislike ephemerally, and records a like as feedback', async () => {
      const feedback: FeedbackGivenEvent[] = [];
      bot.app.get(EventEmitter2).on(DomainEvent.FeedbackGiven, (event: FeedbackGivenEvent) => feedback.push(event));
      const message = nowPlayingMessage()!;
      const like = await answerOf(
        bot.discord.button({
          guildId: main.id,
          channelId: text,
          userId: ben.id,
          customId: 'np:like',
          messageId: message.id,
        }),
      );
      expect(like.ephemeral).toBe(true);
      expect(like.content).toMatch(/^Noted: you like \*\*Nightcall\*\*/);
      const trackKey = playback().snapshot(main.id)?.current?.entry.track.trackKey;
      expect(trackKey).toEqual(expect.any(String));
      expect(feedback).toEqual([
        { guildId: main.id, userId: ben.id, kind: 'like', trackKey, at: expect.any(Date) as unknown },
      ]);
      const dislike = await answerOf(
        bot.discord.button({
          guildId: main.id,
          channelId: text,
          userId: cid.id,
          customId: 'np:dislike',
          messageId: message.id,
        }),
      );
      expect(dislike).toMatchObject({ ephemeral: true });
      expect(dislike.content).toMatch(/^Noted: you don't like \*\*Nightcall\*\*/);
    });

    it('refuses the stop button to a non-DJ and says an unknown button has expired', async () => {
      const message = nowPlayingMessage()!;
      const stop = await answerOf(
        bot.discord.button({
          guildId: main.id,
          channelId: text,
          userId: ben.id,
          customId: 'np:stop',
          messageId: message.id,
        }),
      );
      expect(stop.ephemeral).toBe(true);
      expect(stop.content).toMatch(/^Only DJs can do this/);
      const old = await answerOf(
        bot.discord.button({
          guildId: main.id,
          channelId: text,
          userId: ben.id,
          customId: 'radio:tune',
          messageId: message.id,
        }),
      );
      expect(old).toMatchObject({
        ephemeral: true,
        content: 'This button has expired. Use the command again for a fresh one.',
      });
      expect(node.player(main.id)?.track?.title).toBe('Nightcall');
    });
  });

  describe('a large playlist', () => {
    it('plays the first tracks at once, loads the rest in the background with progress, and serves another guild meanwhile', async () => {
      bot.discord.joinVoice(other.id, eve.id, GuildFactory.voiceChannel(other).id);
      const handle = slash(eve.id, 'play', { query: playlistUrl }, other);
      const elsewhere = slash(ana.id, 'play', { query: 'Phoenix Lisztomania' });

      // The first answer is rendered once the first batch is queued and playing: 15 of 500.
      const first = await bot.discord.waitForOriginalEdit(handle.token);
      expect(first.content).toMatch(/^▶️ Now playing \*\*.+\*\* by .+\n📃 Queued 15\/500 from \*\*Big Mix\*\*…$/);
      await node.waitFor(() => node.player(other.id)?.track);
      const elsewhereAnswer = await answerOf(elsewhere);
      expect(elsewhereAnswer.content).toMatch(/^➕ Queued \*\*Lisztomania\*\* by Phoenix \(4:01\) at position 1$/);

      await bot.app.get(PlayRequestService).whenIdle();
      const edits = await eventually(() => {
        const contents = bot.discord
          .interactionResponses(handle.id)
          .filter((request) => request.method === 'PATCH')
          .map((request) => ({ at: request.at, content: (request.body as RecordedMessageBody).content ?? '' }));
        return contents.at(-1)?.content.includes('Queued 500 tracks') && contents;
      });
      expect(edits.at(-1)?.content).toMatch(/\n📃 Queued 500 tracks from \*\*Big Mix\*\*\.$/);
      expect(queueTitles(other.id)).toHaveLength(499);
      const answeredAt = bot.discord.interactionResponses(elsewhere.id).find((r) => r.method === 'PATCH')?.at ?? 0;
      expect(answeredAt).toBeGreaterThan(0);
      expect(answeredAt).toBeLessThan(edits.at(-1)?.at ?? 0);
    });

    it('pages /queue with buttons', async () => {
      const handle = slash(eve.id, 'queue', undefined, other);
      const answer = await answerOf(handle);
      expect(embedOf(answer).footer?.text).toBe('Page 1/50 · Loop: off');
      expect(customIds(answer)).toEqual(['queue:page:-1', 'queue:page:1']);
      const message = await eventually(() => bot.discord.originalMessage(handle.id));
      const turned = await bot.discord.waitForInteractionReply(
        bot.discord.button({
          guildId: other.id,
          channelId: GuildFactory.textChannel(other).id,
          userId: eve.id,
          customId: 'queue:page:1',
          messageId: message.id,
        }).id,
      );
      expect(turned.type).toBe(7);
      expect(embedOf(turned.data).footer?.text).toBe('Page 2/50 · Loop: off');
      expect(embedOf(turned.data).description).toContain('`11.`');
    });
  });

  describe('queue controls on the large queue', () => {
    const otherText = (): string => GuildFactory.textChannel(other).id;

    it('/loop, /move, /shuffle and /nowplaying answer and reach the queue', async () => {
      const loop = await answerOf(slash(eve.id, 'loop', { mode: 'queue' }, other));
      expect(loop.content).toBe('🔁 Looping the queue.');
      expect(playback().snapshot(other.id)?.loop).toBe('queue');

      const fifth = queueTitles(other.id)[4];
      const moved = await answerOf(slash(eve.id, 'move', { from: 5, to: 1 }, other));
      expect(moved.content).toMatch(/^↕️ Moved \*\*.+\*\* by .+ from #5 to #1\.$/);
      expect(queueTitles(other.id)[0]).toBe(fifth);
      const outOfRange = await answerOf(slash(eve.id, 'move', { from: 1, to: 900 }, other));
      expect(outOfRange).toMatchObject({ ephemeral: true });
      expect(queueTitles(other.id)[0]).toBe(fifth);

      const shuffled = await answerOf(slash(eve.id, 'shuffle', undefined, other));
      expect(shuffled.content).toBe('🔀 Shuffled 499 tracks.');

      const now = await answerOf(slash(eve.id, 'nowplaying', undefined, other));
      expect(now.ephemeral).toBe(true);
      expect(embedOf(now).footer?.text).toMatch(/^Loop: queue · Volume: 100% · Filter: none/);
      await eventually(() => embedOf(nowPlayingMessage(other.id)).footer?.text?.startsWith('Loop: queue'));
    });

    it('/247 is a DJ setting that someone alone with the bot may change', async () => {
      const on = await answerOf(slash(eve.id, '247', { mode: 'on' }, other));
      expect(on.content).toMatch(/^🌙 24\/7 is on/);
      expect(playback().snapshot(other.id)?.twentyFourSeven).toBe(true);
      const off = await answerOf(slash(eve.id, '247', { mode: 'off' }, other));
      expect(off.content).toMatch(/^🌙 24\/7 is off/);
    });

    it('notes a track that fails mid-play in the now-playing message, and the queue goes on', async () => {
      const failing = node.player(other.id)?.track?.title;
      node.failTrack(other.id, 'This video is unavailable');
      await node.waitFor(() => node.player(other.id)?.track && node.player(other.id)?.track?.title !== failing);
      const message = await eventually(() => {
        const current = nowPlayingMessage(other.id);
        return embedOf(current).description?.includes('⚠️ Skipped') && current;
      });
      expect(embedOf(message).description).toContain(`⚠️ Skipped ${failing}`);
      expect(message.channel_id).toBe(otherText());
    });

    it('/leave ends the session and closes its message', async () => {
      const message = nowPlayingMessage(other.id)!;
      const answer = await answerOf(slash(eve.id, 'leave', undefined, other));
      expect(answer.content).toBe(`👋 <@${eve.id}> sent me out of the voice channel.`);
      const closed = await eventually(() => {
        const current = bot.discord.message(otherText(), message.id);
        return embedOf(current).author?.name === '⏹ Session ended' && current;
      });
      expect(embedOf(closed).description).toContain('I left the voice channel.');
      expect(playback().snapshot(other.id)).toBeNull();
    });
  });

  describe('help and autocomplete', () => {
    it('/help lists the commands from the registry, ephemerally', async () => {
      const answer = await answerOf(slash(ben.id, 'help'));
      expect(answer.ephemeral).toBe(true);
      const lines = embedOf(answer).description?.split('\n') ?? [];
      for (const usage of [
        '`/play <query> [next]`',
        '`/seek <time>`',
        '`/volume <level>`',
        '`/queue [page]`',
        '`/247 <mode>`',
      ]) {
        expect(lines.some((line) => line.startsWith(usage))).toBe(true);
      }
    });

    it("suggests only for a user's latest keystroke in /play autocomplete, and answers the stale one empty", async () => {
      const type = (value: string): InteractionHandle =>
        bot.discord.autocomplete({
          guildId: main.id,
          channelId: text,
          userId: ana.id,
          name: 'play',
          focused: { name: 'query', value },
        });
      const stale = type('daft pu');
      const latest = type('daft punk');
      const answer = await bot.discord.waitForInteractionReply(latest.id);
      expect(answer.type).toBe(8);
      expect(answer.data?.choices?.some((choice) => choice.name.includes('One More Time'))).toBe(true);
      expect(await bot.discord.waitForInteractionReply(stale.id)).toEqual({ type: 8, data: { choices: [] } });
    });
  });

  describe('the end of a session', () => {
    it('/stop by a DJ clears the queue, leaves, and closes the now-playing message without buttons', async () => {
      const message = nowPlayingMessage()!;
      const outside = await answerOf(slash(dan.id, 'stop'));
      expect(outside).toMatchObject({ ephemeral: true, content: 'Join a voice channel first, then try again.' });
      bot.discord.joinVoice(main.id, dan.id, voice);
      const stopped = await answerOf(slash(dan.id, 'stop'));
      expect(stopped.content).toBe(`⏹️ <@${dan.id}> stopped the music and cleared the queue. Bye!`);
      await eventually(() => bot.discord.botVoiceChannel(main.id) === null);
      const closed = await eventually(() => {
        const current = bot.discord.message(text, message.id);
        return embedOf(current).author?.name === '⏹ Session ended' && current;
      });
      expect(closed.components ?? []).toEqual([]);
      expect(playback().snapshot(main.id)).toBeNull();
      expect(bot.app.get(NowPlayingService).messageOf(main.id)).toBeNull();
    });
  });
});
