import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  type APIApplicationCommand,
  type APIApplicationCommandOptionChoice,
  type APIEmbed,
  type APIGuildVoiceChannel,
  type APIMessage,
  type APIUser,
  type APIVoiceState,
  ApplicationCommandType,
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type InteractionResponseType,
  InteractionType,
  PermissionFlagsBits,
} from 'discord.js';
import { DEFAULT_BOT_USER, type FakeGuildDefinition, GuildFactory, MemberFactory } from '../factories';
import { DiscordStore, type StoredInteraction } from './discord-store';
import { FakeGateway, type IdentifyRecord, type ReceivedGatewayPayload } from './fake-gateway';
import { FakeOAuth, type OAuthAuthorizeInput, type OAuthTokenExchange } from './fake-oauth';
import { FakeRest, type RecordedRequest } from './fake-rest';
import {
  type AutocompleteInput,
  buttonData,
  type ButtonInput,
  commandData,
  componentMessage,
  DEFAULT_LOCALE,
  interactionBase,
  type InteractionContext,
  type SlashCommandInput,
} from './interactions';
import { computePermissions, findMember, guildCreatePayload, isRecord, voiceStateDispatchData } from './payloads';

export interface FakeDiscordOptions {
  /** Defaults to the bot user's id (for bots Discord uses the same id for both). */
  applicationId?: string;
  botUser?: APIUser;
  /** Guilds from `GuildFactory.create()`; the bot is added as a member where missing. */
  guilds?: FakeGuildDefinition[];
  /** Reported by `/gateway/bot`; guilds are routed with `(guild_id >> 22) % shardCount`. */
  shardCount?: number;
  /**
   * `/gateway/bot`'s `max_concurrency` (default 1, like a small bot): discord.js spaces IDENTIFYs of
   * shards in the same bucket by 5 s, so multi-shard tests go faster with `maxConcurrency: shardCount`.
   */
  maxConcurrency?: number;
  /** 0 (default) picks a free port. */
  port?: number;
  /** HELLO's heartbeat_interval; discord.js waits a random part of it before the first beat. */
  heartbeatIntervalMs?: number;
  /** Accept only this bot token (REST 401, gateway close 4004 otherwise); any token by default. */
  token?: string;
  /**
   * Accept only this token at IDENTIFY (gateway close 4004 otherwise) while REST follows `token`:
   * a token Discord's REST still takes but its gateway refuses, so the login fails on the gateway.
   */
  gatewayToken?: string;
  /** VOICE_SERVER_UPDATE's endpoint. */
  voiceEndpoint?: string;
  /** The OAuth2 client secret the token exchange accepts; any non-empty one by default. */
  oauthClientSecret?: string;
}

export interface WaitOptions {
  timeoutMs?: number;
}

/** A voice state change the bot asked for with gateway op 4. */
export interface VoiceOpRecord {
  shardId: number;
  guildId: string;
  channelId: string | null;
  selfDeaf: boolean;
  selfMute: boolean;
  at: number;
}

/** The body of `POST /interactions/{id}/{token}/callback`. */
export interface InteractionCallbackBody {
  type: InteractionResponseType;
  data?: RecordedMessageBody & { choices?: APIApplicationCommandOptionChoice[] };
}

/** A message body as the bot sent it (JSON body or multipart `payload_json`). */
export interface RecordedMessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: unknown[];
  flags?: number;
  [key: string]: unknown;
}

export interface InteractionHandle {
  id: string;
  token: string;
}

const DEFAULT_TIMEOUT_MS = 5000;

interface PendingWait {
  check: () => void;
  cancel: (error: Error) => void;
}

/**
 * A fake Discord (REST under `/api/v10` and a JSON gateway on one loopback port) that the real
 * discord.js client can log in to. Tests drive users (slash commands, buttons, voice) and read what
 * the bot sent back.
 *
 * @example
 * const guild = GuildFactory.create();
 * const fake = new FakeDiscord({ guilds: [guild] });
 * await fake.start();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 * await client.login('fake-token');
 */
export class FakeDiscord {
  readonly voiceOps: VoiceOpRecord[] = [];
  private readonly store: DiscordStore;
  private readonly rest: FakeRest;
  private readonly gateway: FakeGateway;
  private readonly oauth: FakeOAuth;
  private readonly server: Server;
  private readonly pending = new Set<PendingWait>();
  private readonly voiceEndpoint: string;
  private listeningPort: number | null = null;
  /** Per guild, the answers to the bot's voice requests that `holdVoice` keeps back until `releaseVoice`. */
  private readonly heldVoice = new Map<string, Array<() => void>>();

  constructor(private readonly options: FakeDiscordOptions = {}) {
    const botUser = structuredClone(options.botUser ?? DEFAULT_BOT_USER);
    const guilds = (options.guilds ?? []).map((guild) => withBotMember(structuredClone(guild), botUser));
    this.store = new DiscordStore(options.applicationId ?? botUser.id, botUser, guilds);
    this.voiceEndpoint = options.voiceEndpoint ?? 'c-fra01-fake.discord.media:443';
    const shardCount = options.shardCount ?? 1;
    this.oauth = new FakeOAuth(this.store, options.oauthClientSecret);
    this.rest = new FakeRest({
      store: this.store,
      oauth: this.oauth,
      shardCount,
      maxConcurrency: options.maxConcurrency ?? 1,
      token: options.token,
      gatewayUrl: () => this.gatewayUrl,
      onRecord: () => this.poke(),
    });
    this.gateway = new FakeGateway({
      store: this.store,
      shardCount,
      token: options.gatewayToken ?? options.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      resumeUrl: () => `${this.gatewayUrl}/resume`,
      onVoiceStateRequest: (shardId, d) => this.onVoiceStateRequest(shardId, d),
    });
    this.gateway.onChange(() => this.poke());
    this.server = createServer((req, res) => void this.rest.handle(req, res));
    this.server.on('upgrade', (req, socket, head: Buffer) => this.gateway.handleUpgrade(req, socket, head));
  }

  // --- lifecycle --------------------------------------------------------------------------------

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.listeningPort = (this.server.address() as AddressInfo).port;
  }

  /** Closes sockets and the server and fails pending waits; call after `client.destroy()`. */
  async stop(): Promise<void> {
    for (const wait of [...this.pending]) wait.cancel(new Error('FakeDiscord stopped'));
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.listeningPort = null;
  }

  get port(): number {
    if (this.listeningPort === null) throw new Error('FakeDiscord is not started');
    return this.listeningPort;
  }

  /** What the bot passes as discord.js `rest: { api }`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** What `/gateway/bot` reports (discord.js appends `?v=10&encoding=json`). */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get applicationId(): string {
    return this.store.applicationId;
  }

  /** The fake's stand-in for `https://discord.com/oauth2/authorize` (the browser page). */
  get oauthAuthorizeUrl(): string {
    return `http://127.0.0.1:${this.port}/oauth2/authorize`;
  }

  // --- OAuth2 -----------------------------------------------------------------------------------

  /**
   * A user approves the bot's OAuth2 request: returns the authorization code Discord would put in
   * the redirect. The bot exchanges it at `POST /oauth2/token` and reads `/users/@me(/guilds)`.
   */
  authorizeOAuth(input: OAuthAuthorizeInput): string {
    return this.oauth.authorize(input);
  }

  /** The user the `/oauth2/authorize` page approves for at once (browser tests); null: nobody. */
  set oauthAutoApproveUserId(userId: string | null) {
    this.oauth.autoApproveUserId = userId;
  }

  /** Every `POST /oauth2/token` call, in order. */
  get oauthExchanges(): readonly OAuthTokenExchange[] {
    return this.oauth.exchanges;
  }

  get botUser(): APIUser {
    return this.store.botUser;
  }

  /** The live state of a guild (voice states and channels as they are now). */
  guild(guildId: string): FakeGuildDefinition {
    const guild = this.store.guilds.get(guildId);
    if (!guild) throw new Error(`FakeDiscord: unknown guild ${guildId}`);
    return guild;
  }

  // --- REST record --------------------------------------------------------------------------------

  get requests(): readonly RecordedRequest[] {
    return this.rest.requests;
  }

  /** Calls no route of the fake knew (answered 404): usually a sign the fake or the bot is wrong. */
  get unknownRequests(): RecordedRequest[] {
    return this.rest.requests.filter((r) => !r.matched);
  }

  /** The first recorded REST call (already made or still to come) that matches. */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    options: WaitOptions = {},
  ): Promise<RecordedRequest> {
    return this.waitUntil(() => this.rest.requests.find(predicate), options, 'a matching REST request');
  }

  /** Callback, edits, deletions and follow-ups of an interaction, in the order they arrived. */
  interactionResponses(interactionId: string): RecordedRequest[] {
    const interaction = this.store.interactions.get(interactionId);
    if (!interaction) return [];
    const callback = `/interactions/${interaction.id}/${interaction.token}/callback`;
    const webhook = `/webhooks/${this.store.applicationId}/${interaction.token}`;
    return this.rest.requests.filter((r) => r.path === callback || r.path.startsWith(webhook));
  }

  /** Commands the bot registered, globally or for one guild. */
  registeredCommands(guildId?: string): APIApplicationCommand[] {
    return structuredClone(this.store.commands(guildId));
  }

  /** Messages of a channel as they are now (edits applied, deletions gone), oldest first. */
  messages(channelId: string): APIMessage[] {
    return structuredClone(this.store.messages(channelId));
  }

  message(channelId: string, messageId: string): APIMessage | undefined {
    const message = this.store.findMessage(channelId, messageId);
    return message && structuredClone(message);
  }

  lastMessage(channelId: string): APIMessage | undefined {
    const message = this.store.messages(channelId).at(-1);
    return message && structuredClone(message);
  }

  /** The interaction's `@original` message as it is now. */
  originalMessage(interactionId: string): APIMessage | undefined {
    const interaction = this.store.interactions.get(interactionId);
    if (!interaction?.originalMessageId) return undefined;
    return this.message(interaction.channelId, interaction.originalMessageId);
  }

  /** Resolves with the first callback body of an interaction (`{ type, data }`). */
  async waitForInteractionReply(interactionId: string, options: WaitOptions = {}): Promise<InteractionCallbackBody> {
    const interaction = this.interaction(interactionId);
    const path = `/interactions/${interaction.id}/${interaction.token}/callback`;
    const request = await this.waitForRequest((r) => r.method === 'POST' && r.path === path, options);
    return asCallbackBody(request.body);
  }

  /** Resolves with the body of the first `PATCH .../messages/@original` for an interaction token. */
  async waitForOriginalEdit(token: string, options: WaitOptions = {}): Promise<RecordedMessageBody> {
    const path = `/webhooks/${this.store.applicationId}/${token}/messages/@original`;
    const request = await this.waitForRequest((r) => r.method === 'PATCH' && r.path === path, options);
    return asMessageBody(request.body);
  }

  /** Resolves with the body of the n-th (0-based) follow-up sent for an interaction token. */
  async waitForFollowUp(token: string, options: WaitOptions & { index?: number } = {}): Promise<RecordedMessageBody> {
    const path = `/webhooks/${this.store.applicationId}/${token}`;
    const index = options.index ?? 0;
    const request = await this.waitUntil(
      () => this.rest.requests.filter((r) => r.method === 'POST' && r.path === path)[index],
      options,
      `follow-up #${index}`,
    );
    return asMessageBody(request.body);
  }

  /**
   * Resolves with the probe's first truthy value. Checked after every REST call and gateway payload,
   * and every 10 ms for conditions on the client's side (events it emitted, its caches).
   */
  waitUntil<T>(probe: () => T | undefined | false, options: WaitOptions = {}, what = 'condition'): Promise<T> {
    const first = probe();
    if (first !== undefined && first !== false) return Promise.resolve(first);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        this.pending.delete(wait);
        clearTimeout(timer);
        clearInterval(poll);
      };
      const wait: PendingWait = {
        check: () => {
          const value = probe();
          if (value === undefined || value === false) return;
          finish();
          resolve(value);
        },
        cancel: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => wait.cancel(new Error(`FakeDiscord: timed out after ${timeoutMs} ms waiting for ${what}`)),
        timeoutMs,
      );
      const poll = setInterval(() => wait.check(), 10);
      this.pending.add(wait);
    });
  }

  private poke(): void {
    for (const wait of [...this.pending]) wait.check();
  }

  // --- gateway ----------------------------------------------------------------------------------

  get identifyCount(): number {
    return this.gateway.identifyCount;
  }

  get resumeCount(): number {
    return this.gateway.resumeCount;
  }

  get identifies(): readonly IdentifyRecord[] {
    return this.gateway.identifies;
  }

  /** Everything the bot sent over the gateway (heartbeats included). */
  get gatewayPayloads(): readonly ReceivedGatewayPayload[] {
    return this.gateway.received;
  }

  get gatewayConnectionUrls(): readonly string[] {
    return this.gateway.connectionUrls;
  }

  /** Set to false to stop acknowledging heartbeats (discord.js then reconnects and resumes). */
  set ackHeartbeats(value: boolean) {
    this.gateway.ackHeartbeats = value;
  }

  shardFor(guildId: string): number {
    return this.gateway.shardFor(guildId);
  }

  /** Sends any dispatch; routed by `d.guild_id` unless a shard is given. Returns its sequence number. */
  dispatch(t: GatewayDispatchEvents | string, d: unknown, shardId?: number): number | null {
    return this.gateway.dispatch(t, d, shardId);
  }

  closeGateway(code = 4000, shardId?: number): void {
    this.gateway.closeGateway(code, shardId);
  }

  sendReconnect(shardId?: number): void {
    this.gateway.sendReconnect(shardId);
  }

  invalidateSession(resumable: boolean, shardId?: number): void {
    this.gateway.invalidateSession(resumable, shardId);
  }

  /** The bot is added to a guild: GUILD_CREATE on its shard (discord.js emits `guildCreate`). */
  addGuild(definition: FakeGuildDefinition): void {
    const guild = withBotMember(structuredClone(definition), this.store.botUser);
    this.store.guilds.set(guild.id, guild);
    const session = this.gateway.session(this.gateway.shardFor(guild.id));
    const withVoiceStates = session !== undefined && (session.intents & GatewayIntentBits.GuildVoiceStates) !== 0;
    this.gateway.dispatch(
      GatewayDispatchEvents.GuildCreate,
      guildCreatePayload(guild, { botUserId: this.store.botUser.id, withVoiceStates }),
    );
  }

  /** The bot is removed from a guild: GUILD_DELETE without `unavailable` (discord.js emits `guildDelete`). */
  removeGuild(guildId: string): void {
    this.guild(guildId);
    this.store.guilds.delete(guildId);
    this.gateway.dispatch(GatewayDispatchEvents.GuildDelete, { id: guildId });
  }

  // --- voice --------------------------------------------------------------------------------------

  voiceStates(guildId: string): APIVoiceState[] {
    return structuredClone(this.guild(guildId).voiceStates);
  }

  botVoiceChannel(guildId: string): string | null {
    return this.guild(guildId).voiceStates.find((s) => s.user_id === this.store.botUser.id)?.channel_id ?? null;
  }

  /** A user joins (or moves to) a voice channel: VOICE_STATE_UPDATE with the full member. */
  joinVoice(guildId: string, userId: string, channelId: string): void {
    const guild = this.guild(guildId);
    if (!findMember(guild, userId)) throw new Error(`FakeDiscord: ${userId} is not a member of ${guildId}`);
    voiceChannelOf(guild, channelId);
    const previous = guild.voiceStates.find((s) => s.user_id === userId);
    const state = previous ?? GuildFactory.voiceState(guildId, { userId, channelId });
    state.channel_id = channelId;
    if (!previous) guild.voiceStates.push(state);
    this.dispatchVoiceState(guild, state);
  }

  leaveVoice(guildId: string, userId: string): void {
    const guild = this.guild(guildId);
    const index = guild.voiceStates.findIndex((s) => s.user_id === userId);
    if (index === -1) throw new Error(`FakeDiscord: ${userId} is not in a voice channel of ${guildId}`);
    const [state] = guild.voiceStates.splice(index, 1);
    this.dispatchVoiceState(guild, { ...state, channel_id: null });
  }

  /** Self-deafen (the user's own button) or server-deafen (a moderator) a user who is in voice. */
  setDeaf(guildId: string, userId: string, flags: { selfDeaf?: boolean; deaf?: boolean }): void {
    this.updateVoiceState(guildId, userId, (state) => {
      if (flags.selfDeaf !== undefined) state.self_deaf = flags.selfDeaf;
      if (flags.deaf !== undefined) state.deaf = flags.deaf;
    });
  }

  setMute(guildId: string, userId: string, flags: { selfMute?: boolean; mute?: boolean }): void {
    this.updateVoiceState(guildId, userId, (state) => {
      if (flags.selfMute !== undefined) state.self_mute = flags.selfMute;
      if (flags.mute !== undefined) state.mute = flags.mute;
    });
  }

  private updateVoiceState(guildId: string, userId: string, change: (state: APIVoiceState) => void): void {
    const guild = this.guild(guildId);
    const state = guild.voiceStates.find((s) => s.user_id === userId);
    if (!state) throw new Error(`FakeDiscord: ${userId} is not in a voice channel of ${guildId}`);
    change(state);
    this.dispatchVoiceState(guild, state);
  }

  /**
   * Keeps back Discord's answers (VOICE_STATE_UPDATE, VOICE_SERVER_UPDATE) to the bot's voice
   * requests in `guildId` until `releaseVoice`, as a slow gateway would: the bot is still joining
   * meanwhile. The requests themselves are recorded in `voiceOps` at once.
   */
  holdVoice(guildId: string): void {
    if (!this.heldVoice.has(guildId)) this.heldVoice.set(guildId, []);
  }

  /** Answers the voice requests `holdVoice` held back, in order, and stops holding; returns how many. */
  releaseVoice(guildId: string): number {
    const held = this.heldVoice.get(guildId) ?? [];
    this.heldVoice.delete(guildId);
    for (const answer of held) answer();
    return held.length;
  }

  /** Voice state events need the GuildVoiceStates intent, as on Discord. */
  private dispatchVoiceState(guild: FakeGuildDefinition, state: APIVoiceState): void {
    const session = this.gateway.session(this.gateway.shardFor(guild.id));
    if (session && (session.intents & GatewayIntentBits.GuildVoiceStates) === 0) return;
    this.gateway.dispatch(GatewayDispatchEvents.VoiceStateUpdate, voiceStateDispatchData(guild, state));
  }

  private onVoiceStateRequest(shardId: number, d: Record<string, unknown>): void {
    if (typeof d.guild_id !== 'string') return;
    const channelId = typeof d.channel_id === 'string' ? d.channel_id : null;
    const op: VoiceOpRecord = {
      shardId,
      guildId: d.guild_id,
      channelId,
      selfDeaf: d.self_deaf === true,
      selfMute: d.self_mute === true,
      at: Date.now(),
    };
    this.voiceOps.push(op);
    const held = this.heldVoice.get(op.guildId);
    if (held) held.push(() => this.answerVoiceRequest(op));
    else this.answerVoiceRequest(op);
  }

  private answerVoiceRequest(op: VoiceOpRecord): void {
    const { shardId, channelId } = op;
    const guild = this.store.guilds.get(op.guildId);
    // Discord ignores requests for guilds of another shard, unknown channels, or without Connect.
    if (!guild || this.gateway.shardFor(guild.id) !== shardId) return;
    const botId = this.store.botUser.id;
    const index = guild.voiceStates.findIndex((s) => s.user_id === botId);
    const previous = index === -1 ? undefined : guild.voiceStates[index];

    if (channelId === null) {
      if (!previous) return;
      guild.voiceStates.splice(index, 1);
      this.dispatchVoiceState(guild, { ...previous, channel_id: null });
      return;
    }
    const channel = guild.channels.find((c) => c.id === channelId && c.type === ChannelType.GuildVoice);
    if (!channel) return;
    const needed = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.Connect;
    if ((computePermissions(guild, botId, channel) & needed) !== needed) return;

    const state: APIVoiceState = {
      ...GuildFactory.voiceState(guild.id, { userId: botId, channelId }),
      // The bot's voice session id is its gateway session id.
      session_id: this.gateway.session(shardId)?.id ?? randomBytes(16).toString('hex'),
      self_deaf: op.selfDeaf,
      self_mute: op.selfMute,
    };
    if (previous) guild.voiceStates[index] = state;
    else guild.voiceStates.push(state);
    // Order matters: shoukaku needs the session id (state) before the server update.
    this.dispatchVoiceState(guild, state);
    // A new channel, or a new voice session (the bot reconnected to the gateway, e.g. after a
    // restart), needs a new voice server; a repeated request within one session does not.
    if (previous?.channel_id !== channelId || previous.session_id !== state.session_id) {
      this.gateway.dispatch(GatewayDispatchEvents.VoiceServerUpdate, {
        token: randomBytes(8).toString('hex'),
        guild_id: guild.id,
        endpoint: this.voiceEndpoint,
      });
    }
  }

  // --- interactions -----------------------------------------------------------------------------

  /** A user runs a slash command; option types come from the registered command when there is one. */
  slashCommand(input: SlashCommandInput): InteractionHandle {
    const command = this.findCommand(input.guildId, input.name);
    return this.createInteraction(input, InteractionType.ApplicationCommand, input.name, null, (ctx) => ({
      data: commandData(ctx, command, command?.id ?? this.store.ids.next(), input),
    }));
  }

  /** A user presses a button on a message the bot sent. */
  button(input: ButtonInput): InteractionHandle {
    const message = this.store.findMessage(input.channelId, input.messageId);
    if (!message) throw new Error(`FakeDiscord: no message ${input.messageId} in channel ${input.channelId}`);
    return this.createInteraction(input, InteractionType.MessageComponent, input.customId, message.id, () => ({
      data: buttonData(input.customId),
      message: componentMessage(message),
    }));
  }

  /** A user types into an autocomplete option. */
  autocomplete(input: AutocompleteInput): InteractionHandle {
    const command = this.findCommand(input.guildId, input.name);
    return this.createInteraction(input, InteractionType.ApplicationCommandAutocomplete, input.name, null, (ctx) => ({
      data: commandData(ctx, command, command?.id ?? this.store.ids.next(), input),
    }));
  }

  private findCommand(guildId: string, name: string): APIApplicationCommand | undefined {
    const matches = (c: APIApplicationCommand): boolean =>
      c.name === name && c.type === ApplicationCommandType.ChatInput;
    return this.store.commands(guildId).find(matches) ?? this.store.commands().find(matches);
  }

  private interaction(interactionId: string): StoredInteraction {
    const interaction = this.store.interactions.get(interactionId);
    if (!interaction) throw new Error(`FakeDiscord: unknown interaction ${interactionId}`);
    return interaction;
  }

  private createInteraction(
    input: { guildId: string; channelId: string; userId: string; locale?: InteractionContext['locale'] },
    type: InteractionType,
    name: string,
    componentMessageId: string | null,
    extra: (ctx: InteractionContext) => Record<string, unknown>,
  ): InteractionHandle {
    const guild = this.guild(input.guildId);
    const channel = guild.channels.find((c) => c.id === input.channelId);
    if (!channel) throw new Error(`FakeDiscord: no channel ${input.channelId} in guild ${guild.id}`);
    const member = findMember(guild, input.userId);
    if (!member) throw new Error(`FakeDiscord: ${input.userId} is not a member of ${guild.id}`);
    const id = this.store.ids.next();
    // Shaped like Discord's: base64 of `interaction:<id>:<secret>`.
    const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
    const ctx: InteractionContext = {
      id,
      token,
      applicationId: this.store.applicationId,
      botUserId: this.store.botUser.id,
      guild,
      channel,
      member,
      locale: input.locale ?? DEFAULT_LOCALE,
    };
    const payload = { ...interactionBase(ctx, type), ...extra(ctx) };
    this.store.interactions.set(id, {
      id,
      token,
      type,
      guildId: guild.id,
      channelId: channel.id,
      userId: input.userId,
      name,
      componentMessageId,
      callbackType: null,
      originalMessageId: null,
      followUpIds: [],
    });
    if (this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload) === null) {
      throw new Error(`FakeDiscord: no gateway session for the shard of guild ${guild.id}; is the bot logged in?`);
    }
    return { id, token };
  }
}

/** A guild made for another bot user still needs this bot in it, or discord.js has no `members.me`. */
function withBotMember(guild: FakeGuildDefinition, botUser: APIUser): FakeGuildDefinition {
  if (!findMember(guild, botUser.id)) guild.members.push(MemberFactory.create({ user: structuredClone(botUser) }));
  return guild;
}

function voiceChannelOf(guild: FakeGuildDefinition, channelId: string): APIGuildVoiceChannel {
  const channel = guild.channels.find((c): c is APIGuildVoiceChannel => c.id === channelId);
  if (!channel || channel.type !== ChannelType.GuildVoice) {
    throw new Error(`FakeDiscord: ${channelId} is not a voice channel of ${guild.id}`);
  }
  return channel;
}

function asCallbackBody(body: unknown): InteractionCallbackBody {
  if (!isRecord(body) || typeof body.type !== 'number') throw new Error('FakeDiscord: malformed interaction callback');
  return body as unknown as InteractionCallbackBody;
}

function asMessageBody(body: unknown): RecordedMessageBody {
  return isRecord(body) ? body : {};
}
