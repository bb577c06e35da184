import type { APIEmbed, APIMessage, Locale } from 'discord.js';
import type { GuildSettingsDto } from '@accord/contracts';
import type { InteractionHandle } from '@accord/testkit/discord';
import {
  GuildFactory,
  MemberFactory,
  TextChannelFactory,
  UserFactory,
  VoiceChannelFactory,
  type FakeGuildDefinition,
} from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { PlaybackService } from '../src/domain/playback/playback.service';
import { NowPlayingService } from '../src/transports/discord/now-playing/now-playing.service';
import { ADMIN_ENV, loginWithPassword, type PanelClient } from './support/admin-session';
import { eventually, nowPlayingMessageOf, readyForCommands, startTestBot, type TestBot } from './support/test-bot';
import { seenAnswerOf, type SeenAnswer } from './support/interaction-answer';

const catalogue = [
  youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 }),
  youtubeTrack({ author: 'Justice', title: 'Genesis', length: 234_000 }),
];

const ana = UserFactory.create({ username: 'ana' });
const ben = UserFactory.create({ username: 'ben' });

describe('Languages (end to end on the fakes)', () => {
  let bot: TestBot;
  let guild: FakeGuildDefinition;
  let voice: string;
  let owner: PanelClient;

  const slash = (
    userId: string,
    locale: Locale | string,
    name: string,
    options?: Record<string, string | number | boolean>,
  ): InteractionHandle =>
    bot.discord.slashCommand({
      guildId: guild.id,
      channelId: GuildFactory.textChannel(guild).id,
      userId,
      locale: locale as Locale,
      name,
      options,
    });

  const answerOf = (handle: InteractionHandle): Promise<SeenAnswer> => seenAnswerOf(bot.discord, handle);

  const setLanguage = async (language: string | null): Promise<{ statusCode: number; body: string }> =>
    owner.request({ method: 'PATCH', url: `/api/v1/guilds/${guild.id}/settings`, payload: { language } });

  const nowPlayingMessage = (): APIMessage | undefined => nowPlayingMessageOf(bot, guild.id);
  const embedOf = (message: { embeds?: APIEmbed[] } | undefined): APIEmbed => message?.embeds?.[0] ?? {};
  const buttonLabels = (message: APIMessage | undefined): string[] =>
    ((message?.components ?? []) as Array<{ components: Array<{ label?: string }> }>).flatMap((row) =>
      row.components.map((component) => component.label ?? ''),
    );

  beforeAll(async () => {
    const voiceChannel = VoiceChannelFactory.create();
    voice = voiceChannel.id;
    guild = GuildFactory.create({
      channels: [TextChannelFactory.create(), voiceChannel],
      members: [ana, ben].map((user) => MemberFactory.create({ user })),
    });
    bot = await startTestBot({ guilds: [guild], lavalinkCatalogue: catalogue, env: { ...ADMIN_ENV } });
    owner = await loginWithPassword(bot);
    await readyForCommands(bot, guild.id);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('registers every command with its name and description in each language, options and choices included', () => {
    const commands = bot.discord.registeredCommands(guild.id);
    const play = commands.find((command) => command.name === 'play');
    expect(play).toMatchObject({
      name_localizations: expect.objectContaining({ de: 'abspielen' }) as unknown,
      description_localizations: expect.objectContaining({
        de: expect.stringMatching(/^Spielt einen Song oder eine Playlist/) as unknown,
      }) as unknown,
    });
    expect(play?.options?.find((option) => option.name === 'query')).toMatchObject({
      name_localizations: expect.objectContaining({ de: 'suche' }) as unknown,
      description_localizations: expect.objectContaining({
        de: 'Ein Song („Interpret - Titel“) oder ein Link',
      }) as unknown,
    });
    const loop = commands.find((command) => command.name === 'loop');
    const mode = loop?.options?.find((option) => option.name === 'mode') as
      { choices?: Array<{ value: string; name_localizations?: Record<string, string> }> } | undefined;
    expect(mode?.choices?.find((choice) => choice.value === 'queue')?.name_localizations).toMatchObject({
      de: 'Die ganze Warteschlange',
    });
    const locales = ['de', 'es-ES', 'es-419', 'fr', 'pt-BR', 'pl', 'ja'];
    for (const command of commands) {
      expect(Object.keys(command.description_localizations ?? {}).sort()).toEqual([...locales].sort());
      expect(Object.keys(command.name_localizations ?? {}).sort()).toEqual([...locales].sort());
    }
  });

  it('answers a German user in German, refusals included; a Korean user in English', async () => {
    const refusal = await answerOf(slash(ana.id, 'de', 'play', { query: 'One More Time' }));
    expect(refusal).toMatchObject({
      ephemeral: true,
      content: 'Geh zuerst in einen Sprachkanal und versuch es dann noch einmal.',
    });

    const queue = await answerOf(slash(ana.id, 'de', 'queue'));
    expect(embedOf(queue).title).toBe('Die Warteschlange ist leer');

    const korean = await answerOf(slash(ben.id, 'ko', 'queue'));
    expect(embedOf(korean).title).toBe('The queue is empty');

    const english = await answerOf(slash(ben.id, 'en-GB', 'play', { query: 'One More Time' }));
    expect(english.content).toBe('Join a voice channel first, then try again.');
  });

  it('refuses a language the bot does not speak in the settings, with a message', async () => {
    const refused = await setLanguage('xx');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('language must be one of en, de');
  });

  it("speaks the server's language to users whose language it does not speak, and in the now-playing post", async () => {
    const set = await setLanguage('de');
    expect(set.statusCode).toBe(200);
    expect(JSON.parse(set.body)).toMatchObject<Partial<GuildSettingsDto>>({ language: 'de' });

    const korean = await answerOf(slash(ben.id, 'ko', 'queue'));
    expect(embedOf(korean).title).toBe('Die Warteschlange ist leer');
    // A user whose language Accord speaks keeps theirs.
    const american = await answerOf(slash(ben.id, 'en-US', 'queue'));
    expect(embedOf(american).title).toBe('The queue is empty');

    bot.discord.joinVoice(guild.id, ben.id, voice);
    const handle = slash(ben.id, 'ko', 'play', { query: 'Daft Punk One More Time' });
    const played = await answerOf(handle);
    expect(played.content).toBe('▶️ Jetzt läuft **One More Time** von Daft Punk (5:20)');
    await eventually(() => embedOf(nowPlayingMessage()).author?.name === '▶️ Läuft gerade');
    expect(embedOf(nowPlayingMessage()).description).toContain('von **Daft Punk**');
    expect(buttonLabels(nowPlayingMessage())).toEqual([
      'Pause',
      'Überspringen',
      'Stopp',
      'Gefällt mir',
      'Gefällt mir nicht',
    ]);

    // An English user's command changes nothing about the post, which stays the server's.
    const paused = await answerOf(slash(ben.id, 'en-US', 'pause'));
    expect(paused.content).toBe(`⏸️ Paused by <@${ben.id}>.`);
    await eventually(() => embedOf(nowPlayingMessage()).author?.name === '⏸ Pausiert');

    const posted = bot.app.get(NowPlayingService).messageOf(guild.id)!;
    await bot.app.get(PlaybackService).stop(guild.id);
    await eventually(
      () => embedOf(bot.discord.message(posted.channelId, posted.messageId)).author?.name === '⏹ Sitzung beendet',
    );

    const back = await setLanguage(null);
    expect(JSON.parse(back.body)).toMatchObject({ language: null });
    const koreanAgain = await answerOf(slash(ben.id, 'ko', 'queue'));
    expect(embedOf(koreanAgain).title).toBe('The queue is empty');
  });
});
