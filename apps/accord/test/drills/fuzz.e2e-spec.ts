import type { InteractionHandle, OptionInput } from '@accord/testkit/discord';
import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { ApplicationCommandOptionType, type APIApplicationCommand, type APIApplicationCommandOption } from 'discord.js';
import fc from 'fast-check';
import { GuildSettingsService } from '../../src/domain/guilds/guild-settings.service';
import { LavalinkService } from '../../src/adapters/lavalink/lavalink.service';
import { ADMIN_ENV, loginWithPassword, type PanelClient } from '../support/admin-session';
import { eventually, startTestBot, type TestBot } from '../support/test-bot';

/** Fixed so that a failure can be replayed; `FUZZ_SEED=<n>` explores other inputs. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_415);
/** Interactions: runs x batch size. API requests: runs x batch size. Sized to keep the file well under a minute. */
const INTERACTION_RUNS = 100;
const INTERACTION_BATCH = 25;
const API_RUNS = 100;
const API_BATCH = 25;

const catalogue = [
  youtubeTrack({ author: 'Robyn', title: 'Dancing On My Own', length: 280_000 }),
  youtubeTrack({ author: 'Lorde', title: 'Green Light', length: 234_000 }),
  youtubeTrack({ author: 'Caribou', title: 'Odessa', length: 290_000 }),
];
const ana = UserFactory.create({ username: 'ana' });
const bob = UserFactory.create({ username: 'bob' });

const PRIMITIVE_TYPES = [
  ApplicationCommandOptionType.String,
  ApplicationCommandOptionType.Integer,
  ApplicationCommandOptionType.Number,
  ApplicationCommandOptionType.Boolean,
] as const;

/** Strings a user (or a broken client) can send: empty, blank, odd unicode, markdown, huge. */
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom('', ' ', '\u0000', '@everyone', '`'.repeat(3), '-', ' - ', '🎵'.repeat(50), 'https://', 'http://x'),
  fc.constantFrom('https://open.spotify.com/track/', 'https://www.youtube.com/watch?v=', 'https://soundcloud.com/a/b'),
  fc.nat({ max: 12_000 }).map((length) => 'a'.repeat(length)),
  fc.string({ minLength: 1, maxLength: 8 }).map((text) => text.repeat(900)),
);
const nastyNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 151, 1_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53 + 2),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const primitiveValue = fc.oneof(nastyString, nastyNumber, fc.boolean());

/** A value for an option: its own type with hostile content, another type, or a type that lies about the value. */
function optionValue(definition: APIApplicationCommandOption | undefined): fc.Arbitrary<OptionInput> {
  const mistyped = fc.record({ type: fc.constantFrom(...PRIMITIVE_TYPES), value: primitiveValue });
  switch (definition?.type) {
    case ApplicationCommandOptionType.String:
      return fc.oneof(nastyString, mistyped);
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
      return fc.oneof(nastyNumber, mistyped);
    case ApplicationCommandOptionType.Boolean:
      return fc.oneof(fc.boolean(), mistyped);
    case ApplicationCommandOptionType.User:
    case ApplicationCommandOptionType.Mentionable:
      return fc.oneof(fc.constantFrom(ana.id, bob.id), mistyped);
    case ApplicationCommandOptionType.Channel:
    case ApplicationCommandOptionType.Role:
    case ApplicationCommandOptionType.Attachment:
    case ApplicationCommandOptionType.Subcommand:
    case ApplicationCommandOptionType.SubcommandGroup:
    case undefined:
      return mistyped;
  }
}

interface CommandSpec {
  kind: 'command' | 'autocomplete';
  userId: string;
  name: string;
  subcommand?: string;
  options: Record<string, OptionInput>;
  focused: { name: string; value: string };
}
interface ButtonSpec {
  kind: 'button';
  userId: string;
  customId: string;
}
type InteractionSpec = CommandSpec | ButtonSpec;

function commandSpecs(commands: APIApplicationCommand[]): fc.Arbitrary<CommandSpec> {
  const known = commands.map((command) => {
    const subcommands = (command.options ?? []).filter(
      (option) => option.type === ApplicationCommandOptionType.Subcommand,
    );
    const sub =
      subcommands.length > 0 ? fc.option(fc.constantFrom(...subcommands), { nil: undefined }) : fc.constant(undefined);
    return sub.chain((subcommand) => {
      const definitions =
        subcommand && 'options' in subcommand
          ? (subcommand.options ?? [])
          : subcommands.length > 0
            ? []
            : (command.options ?? []);
      // Each option is left out, given a hostile value, or joined by an option the command does not have.
      const options = fc.record(
        Object.fromEntries(definitions.map((definition) => [definition.name, optionValue(definition)])),
        { requiredKeys: [] },
      );
      const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), optionValue(undefined), { maxKeys: 2 });
      return fc.record({
        name: fc.constant(command.name),
        subcommand: fc.constant(subcommand?.name),
        options: fc.tuple(options, extra).map(([own, more]) => ({ ...more, ...own }) as Record<string, OptionInput>),
        focusedName: fc.oneof(
          fc.constantFrom('query', ...definitions.map((d) => d.name)),
          fc.string({ maxLength: 10 }),
        ),
      });
    });
  });
  const unknown = fc.record({
    name: fc.oneof(fc.stringMatching(/^[a-z-]{1,32}$/), fc.constantFrom('play2', 'admin', 'eval', 'help-me')),
    subcommand: fc.constant(undefined),
    options: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), optionValue(undefined), { maxKeys: 3 }),
    focusedName: fc.string({ maxLength: 10 }),
  });
  return fc
    .record({
      kind: fc.constantFrom<CommandSpec['kind']>('command', 'command', 'autocomplete'),
      userId: fc.constantFrom(ana.id, bob.id),
      command: fc.oneof({ weight: 5, arbitrary: fc.oneof(...known) }, { weight: 1, arbitrary: unknown }),
      focusedValue: nastyString,
    })
    .map(({ kind, userId, command, focusedValue }) => ({
      kind,
      userId,
      name: command.name,
      subcommand: command.subcommand,
      options: command.options,
      focused: { name: command.focusedName || 'query', value: focusedValue },
    }));
}

const buttonSpecs: fc.Arbitrary<ButtonSpec> = fc.record({
  kind: fc.constant('button' as const),
  userId: fc.constantFrom(ana.id, bob.id),
  customId: fc.oneof(
    fc.string({ maxLength: 100 }),
    fc
      .tuple(fc.constantFrom('np', 'queue', 'liked', 'fix', 'forget', 'x'), fc.string({ maxLength: 90 }))
      .map(([prefix, rest]) => `${prefix}:${rest}`),
    fc.constantFrom('np:pause', 'np:skip', 'np:like', 'queue:999999', 'queue:-1', 'liked:NaN', 'fix:', 'forget:yes'),
  ),
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface ApiSpec {
  method: Method;
  url: string;
  body: unknown;
  contentType: string;
}

/** Every admin route but logout (which would end the fuzzing session), with hostile ids, queries and bodies. */
function apiSpecs(guildId: string, userIds: string[]): fc.Arbitrary<ApiSpec> {
  const id = fc.oneof(
    fc.constantFrom(guildId, ...userIds, '0', '-1', '1e400', 'null', '..', '%00', '%2F..%2F', 'a'.repeat(3_000)),
    fc.stringMatching(/^[0-9]{1,25}$/),
    fc.string({ maxLength: 30 }).map((text) => encodeURIComponent(text)),
  );
  const routes: Array<[Method, (p: string) => string]> = [
    ['GET', () => '/guilds'],
    ['GET', (p) => `/guilds/${p}/player`],
    ['GET', (p) => `/guilds/${p}/queue`],
    ['GET', (p) => `/guilds/${p}/listeners`],
    ['GET', (p) => `/guilds/${p}/history`],
    ['GET', (p) => `/guilds/${p}/stats`],
    ['GET', (p) => `/guilds/${p}/settings`],
    ['PATCH', (p) => `/guilds/${p}/settings`],
    ['POST', (p) => `/guilds/${p}/player/pause`],
    ['POST', (p) => `/guilds/${p}/player/resume`],
    ['POST', (p) => `/guilds/${p}/player/skip`],
    ['POST', (p) => `/guilds/${p}/player/stop`],
    ['POST', (p) => `/guilds/${p}/player/seek`],
    ['PUT', (p) => `/guilds/${p}/player/volume`],
    ['PUT', (p) => `/guilds/${p}/player/filter`],
    ['PUT', (p) => `/guilds/${p}/player/loop`],
    ['POST', (p) => `/guilds/${p}/queue/shuffle`],
    ['POST', (p) => `/guilds/${p}/queue/move`],
    ['DELETE', (p) => `/guilds/${p}/queue/${p}`],
    ['GET', (p) => `/users/${p}`],
    ['DELETE', (p) => `/users/${p}`],
    ['GET', () => '/tracks'],
    ['POST', () => '/tracks/merge'],
    ['GET', (p) => `/tracks/${p}/candidates`],
    ['POST', (p) => `/tracks/${p}/pin`],
    ['GET', () => '/nodes'],
    ['GET', () => '/logs'],
    ['GET', () => '/system'],
    ['GET', () => '/auth/options'],
    ['GET', () => '/auth/me'],
    ['POST', () => '/auth/password'],
    ['GET', () => '/auth/discord/callback'],
    ['GET', () => '/health'],
  ];
  const field = fc.constantFrom(
    'position',
    'positionMs',
    'from',
    'to',
    'volume',
    'filter',
    'mode',
    'q',
    'query',
    'limit',
    'offset',
    'before',
    'since',
    'days',
    'fromTrackId',
    'toTrackId',
    'youtubeId',
    'password',
    'code',
    'state',
    'autoplay',
    'discoveryShare',
    'defaultVolume',
    'idleTimeoutS',
    'djRoleId',
    'allowedFilters',
    'twentyFourSeven',
    'trackCooldownMs',
    'level',
    'afterSeq',
    'artistSpacing',
    'announceChannelId',
    '__proto__',
    'constructor',
    '$where',
    'a.b',
  );
  const value = fc.oneof(
    primitiveValue,
    fc.constant(null),
    fc.array(primitiveValue, { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), primitiveValue, { maxKeys: 3 }),
  );
  const object = fc.dictionary(fc.oneof(field, fc.string({ maxLength: 12 })), value, { maxKeys: 5 });
  const body = fc.oneof(
    { weight: 5, arbitrary: object },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom('not json{', '', '[]', 'null', '"text"', '{"a":') },
  );
  const query = fc
    .dictionary(fc.oneof(field, fc.string({ maxLength: 8 })), fc.oneof(nastyString, nastyNumber.map(String)), {
      maxKeys: 3,
    })
    .map((entries) => new URLSearchParams(entries).toString());
  return fc
    .record({
      route: fc.constantFrom(...routes),
      id,
      query,
      body,
      contentType: fc.constantFrom(
        'application/json',
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
      ),
    })
    .map(({ route: [method, path], id: param, query: search, body: payload, contentType }) => ({
      method,
      url: `/api/v1${path(param)}${search ? `?${search}` : ''}`,
      body: method === 'GET' || method === 'DELETE' ? undefined : payload,
      contentType,
    }));
}

describe('Drill: fuzzing interactions and the admin API (end to end on the fakes)', () => {
  let bot: TestBot;
  let textChannelId: string;
  let panel: PanelClient;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  const guildId = (): string => bot.guild.id;
  const health = async (): Promise<number> =>
    (await bot.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode;

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    const guild = GuildFactory.create({ members: [ana, bob].map((user) => MemberFactory.create({ user })) });
    textChannelId = GuildFactory.textChannel(guild).id;
    // Behind a proxy on loopback, so that each batch can come from its own forwarded address.
    bot = await startTestBot({
      guilds: [guild],
      lavalinkCatalogue: catalogue,
      env: { ...ADMIN_ENV, TRUST_PROXY: '127.0.0.1' },
    });
    await eventually(() => bot.app.get(LavalinkService).isAvailable());
    await eventually(async () => (await health()) === 200);
    await bot.app.get(GuildSettingsService).update(guild.id, { autoplay: false });
    bot.discord.joinVoice(guild.id, ana.id, GuildFactory.voiceChannel(guild).id);
    await eventually(() => bot.discord.voiceStates(guild.id).some((state) => state.user_id === ana.id));
    // Something plays, so that controls and buttons have a now-playing message to act on.
    const first = bot.discord.slashCommand({
      guildId: guild.id,
      channelId: textChannelId,
      userId: ana.id,
      name: 'play',
      options: { query: 'Robyn - Dancing On My Own' },
    });
    await bot.discord.waitForOriginalEdit(first.token, { timeoutMs: 20_000 });
    await eventually(() => bot.discord.lastMessage(textChannelId)?.components?.length);
    panel = await loginWithPassword(bot);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await bot?.close();
  });

  const send = (spec: InteractionSpec): InteractionHandle => {
    const target = { guildId: guildId(), channelId: textChannelId, userId: spec.userId };
    switch (spec.kind) {
      case 'command':
        return bot.discord.slashCommand({
          ...target,
          name: spec.name,
          subcommand: spec.subcommand,
          options: spec.options,
        });
      case 'autocomplete':
        return bot.discord.autocomplete({
          ...target,
          name: spec.name,
          subcommand: spec.subcommand,
          options: Object.fromEntries(Object.entries(spec.options).filter(([name]) => name !== spec.focused.name)),
          focused: spec.focused,
        });
      case 'button': {
        const message = bot.discord.lastMessage(textChannelId);
        if (!message) throw new Error('no message to put a button on');
        return bot.discord.button({ ...target, customId: spec.customId, messageId: message.id });
      }
    }
  };

  it('answers every malformed interaction, without a crash', async () => {
    const commands = bot.discord.registeredCommands(guildId());
    expect(commands.length).toBeGreaterThan(10);
    const interaction = fc.oneof(
      { weight: 4, arbitrary: commandSpecs(commands) },
      { weight: 1, arbitrary: buttonSpecs },
    );
    let sent = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.array(interaction, { minLength: INTERACTION_BATCH, maxLength: INTERACTION_BATCH }),
        async (batch) => {
          const handles = batch.map((spec) => ({ spec, handle: send(spec) }));
          sent += handles.length;
          const unanswered = await bot.discord
            .waitUntil(
              () => handles.every(({ handle }) => bot.discord.interactionResponses(handle.id).length > 0),
              { timeoutMs: 15_000 },
              'an answer to every interaction of the batch',
            )
            .then(
              () => [],
              () => handles.filter(({ handle }) => bot.discord.interactionResponses(handle.id).length === 0),
            );
          const failed = handles.filter(({ handle }) =>
            bot.discord.interactionResponses(handle.id).some((response) => response.status >= 400),
          );
          if (unanswered.length > 0 || failed.length > 0) {
            const show = (list: typeof handles): string => JSON.stringify(list.map(({ spec }) => spec)).slice(0, 1_500);
            throw new Error(`unanswered: ${show(unanswered)}\nanswers Discord refused: ${show(failed)}`);
          }
        },
      ),
      { seed: SEED, numRuns: INTERACTION_RUNS, endOnFailure: true },
    );

    expect(sent).toBe(INTERACTION_RUNS * INTERACTION_BATCH);
    expect(await health()).toBe(200);
    expect(unhandled).toEqual([]);
  }, 120_000);

  it('answers every malformed API request with a status below 500, without a crash', async () => {
    const api = apiSpecs(guildId(), [ana.id, bob.id]);
    let sent = 0;
    let client = 0;
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(fc.array(api, { minLength: API_BATCH, maxLength: API_BATCH }), async (batch) => {
        // Each batch comes from its own address (TRUST_PROXY is loopback), so rate limits leave the fuzzing alone.
        client += 1;
        const responses = await Promise.all(
          batch.map(async (spec) => {
            const payload =
              spec.body === undefined
                ? undefined
                : typeof spec.body === 'string'
                  ? spec.body
                  : JSON.stringify(spec.body);
            const response = await panel.request({
              method: spec.method,
              url: spec.url,
              payload,
              headers: {
                cookie: panel.cookie,
                'x-csrf-token': panel.csrf,
                'x-forwarded-for': `10.1.${Math.floor(client / 250)}.${client % 250}`,
                ...(payload === undefined ? {} : { 'content-type': spec.contentType }),
              },
            });
            return { spec, status: response.statusCode };
          }),
        );
        sent += responses.length;
        for (const { status } of responses) statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const errors = responses.filter(({ status }) => status >= 500);
        if (errors.length > 0) {
          throw new Error(
            `5xx: ${JSON.stringify(errors.map(({ spec, status }) => ({ status, ...spec }))).slice(0, 2_000)}`,
          );
        }
      }),
      { seed: SEED, numRuns: API_RUNS, endOnFailure: true },
    );

    expect(sent).toBe(API_RUNS * API_BATCH);
    // The requests reached the handlers: some were served, many refused as bad input or unknown.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    // The session outlived the fuzzing, and so did the app.
    expect((await panel.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect(await health()).toBe(200);
    expect(unhandled).toEqual([]);
  }, 120_000);

  it('refuses deeply nested JSON with 400 and oversized bodies with 413, and serves other requests meanwhile', async () => {
    // 400,000 nested arrays (800 kB) once overflowed the validation pipe's stack after a second or more.
    const deep = `${'['.repeat(400_000)}${']'.repeat(400_000)}`;
    // Deep but small: under every route's size limit, so only the depth check can refuse it.
    const deepButSmall = `{"password":${'['.repeat(600)}${']'.repeat(600)}}`;
    const hugeArray = JSON.stringify({ allowedFilters: Array.from({ length: 100_000 }, () => 'nightcore') });
    const wideArray = JSON.stringify({ query: 'x', next: Array.from({ length: 300 }, (_, index) => index) });
    const routes: Array<[Method, string]> = [
      ['POST', '/auth/password'],
      ['PATCH', `/guilds/${guildId()}/settings`],
      ['POST', `/guilds/${guildId()}/queue`],
      ['POST', `/guilds/${guildId()}/player/seek`],
      ['POST', '/tracks/merge'],
    ];
    const post = (method: Method, url: string, payload: string) =>
      panel.request({ method, url: `/api/v1${url}`, payload, headers: { 'content-type': 'application/json' } });

    const attacks = Promise.all(
      routes.flatMap(([method, url]) =>
        [deep, deepButSmall, hugeArray, wideArray].map(async (payload) => ({
          payload,
          url,
          response: await post(method, url, payload),
        })),
      ),
    );
    const bystanders = Promise.all([
      panel.request({ method: 'GET', url: '/api/v1/auth/me' }),
      panel.request({ method: 'GET', url: `/api/v1/guilds/${guildId()}/player` }),
      bot.app.inject({ method: 'GET', url: '/api/v1/health' }),
    ]);
    const [answers, others] = await Promise.all([attacks, bystanders]);

    const of = (payload: string) => answers.filter((answer) => answer.payload === payload);
    for (const { url, response } of of(deep)) {
      expect({ url, status: response.statusCode }).toEqual({ url, status: 413 });
      expect(response.json()).toMatchObject({ statusCode: 413, code: 'BODY_TOO_LARGE' });
    }
    for (const { url, response } of of(deepButSmall)) {
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect(response.json()).toMatchObject({
        statusCode: 400,
        code: 'JSON_TOO_DEEP',
        message: expect.stringContaining('nested deeper than 32') as string,
      });
    }
    for (const { url, response } of of(hugeArray))
      expect({ url, status: response.statusCode }).toEqual({ url, status: 413 });
    for (const { url, response } of of(wideArray)) {
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
    }
    expect(others.map((response) => response.statusCode)).toEqual([200, 200, 200]);
    expect(unhandled).toEqual([]);
  }, 60_000);
});
