import { type IncomingMessage, type ServerResponse } from 'node:http';
import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIAttachment,
  type APIMessage,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord.js';
import { type DiscordStore, type StoredInteraction } from './discord-store';
import { type FakeOAuth } from './fake-oauth';
import { type MultipartFile, multipartBoundary, parseMultipart } from './multipart';
import {
  applicationPayload,
  applyMessageEdit,
  buildMessage,
  computePermissions,
  findMember,
  guildPayload,
  isRecord,
  type MessageBody,
  readMessageBody,
} from './payloads';

/** One REST call as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path without `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (or multipart `payload_json`); null when there was none. */
  body: unknown;
  files: Omit<MultipartFile, 'data'>[];
  /** Bot token from `Authorization: Bot <token>`, null when the call carried none. */
  token: string | null;
  status: number;
  /** Whether a route of the fake handled it (false: answered with the generic 404). */
  matched: boolean;
  at: number;
}

export interface FakeRestOptions {
  store: DiscordStore;
  gatewayUrl: () => string;
  shardCount: number;
  /** `session_start_limit.max_concurrency`: how many shards may IDENTIFY at once (discord.js waits 5 s otherwise). */
  maxConcurrency: number;
  /** When set, only this bot token is accepted (401 otherwise); by default any `Bot <token>` is. */
  token?: string;
  /** OAuth2: the token exchange, Bearer `/users/@me(/guilds)` and the `/oauth2/authorize` page. */
  oauth: FakeOAuth;
  onRecord?: (request: RecordedRequest) => void;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as HTML instead of JSON (the OAuth2 authorize page). */
  text?: string;
}

interface RouteContext {
  params: string[];
  query: Record<string, string>;
  body: unknown;
  files: MultipartFile[];
  /** The OAuth2 access token of `Authorization: Bearer <token>`. */
  bearer: string | null;
  /** Client credentials of `Authorization: Basic ...` (the OAuth2 token exchange may use them). */
  basic: { id: string; secret: string } | null;
}

interface Route {
  method: string;
  pattern: RegExp;
  /**
   * `true`: a bot token is required; `false`: none (interaction callbacks and webhooks, as
   * discord.js sends them); `'bearer'`: the route answers requests with an OAuth2 Bearer token
   * only, and others fall through to the next route with the same path.
   */
  auth: boolean | 'bearer';
  handle: (ctx: RouteContext) => Reply;
}

/** Discord's JSON error body (`DiscordAPIError` reads `code` and `message`). */
function error(status: number, code: number, message: string): Reply {
  return { status, body: { message, code } };
}

const UNKNOWN_CHANNEL = error(404, 10003, 'Unknown Channel');
const UNKNOWN_GUILD = error(404, 10004, 'Unknown Guild');
const UNKNOWN_MEMBER = error(404, 10007, 'Unknown Member');
const UNKNOWN_MESSAGE = error(404, 10008, 'Unknown Message');
const UNKNOWN_USER = error(404, 10013, 'Unknown User');
const UNKNOWN_WEBHOOK = error(404, 10015, 'Unknown Webhook');
const UNKNOWN_COMMAND = error(404, 10063, 'Unknown application command');
const UNKNOWN_INTERACTION = error(404, 10062, 'Unknown interaction');
const ALREADY_ACKNOWLEDGED = error(400, 40060, 'Interaction has already been acknowledged.');
const MISSING_ACCESS = error(403, 50001, 'Missing Access');
const MISSING_PERMISSIONS = error(403, 50013, 'Missing Permissions');
const NOT_FOUND = error(404, 0, '404: Not Found');

function invalidForm(field: string, message: string): Reply {
  return {
    status: 400,
    body: {
      message: 'Invalid Form Body',
      code: 50035,
      errors: { [field]: { _errors: [{ code: 'INVALID', message }] } },
    },
  };
}

const ID = '(\\d{15,21})';
const TOKEN = '([^/]+)';

/** The REST half of the fake: routes, Discord-like errors and a record of every call. */
export class FakeRest {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[];

  constructor(private readonly options: FakeRestOptions) {
    this.routes = this.buildRoutes();
  }

  private get store(): DiscordStore {
    return this.options.store;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    // discord.js percent-encodes route parts (`@original` arrives as `%40original`).
    const path = safeDecode(url.pathname).replace(/^\/api(\/v\d+)?/, '') || '/';
    const query = Object.fromEntries(url.searchParams.entries());
    const { body, files } = parseBody(raw, req.headers['content-type']);
    const authHeader = req.headers.authorization;
    const token = authHeader?.startsWith('Bot ') ? authHeader.slice(4) : null;
    const bearer = authHeader?.startsWith('Bearer ') ? authHeader.slice(7) : null;
    const basic = authHeader?.startsWith('Basic ') ? basicCredentials(authHeader.slice(6)) : null;

    let matched = false;
    let reply: Reply = NOT_FOUND;
    if (method === 'GET' && url.pathname === '/oauth2/authorize') {
      // A browser page on discord.com, not the API: it approves at once for `autoApproveUserId`.
      matched = true;
      reply = this.options.oauth.authorizePage(query);
    } else if (!url.pathname.startsWith('/api/v10/')) {
      reply = NOT_FOUND;
    } else {
      for (const route of this.routes) {
        if (route.method !== method) continue;
        const match = route.pattern.exec(path);
        if (!match) continue;
        if (route.auth === 'bearer' && bearer === null) continue;
        matched = true;
        if (route.auth === true && !this.authorized(token)) {
          reply = error(401, 0, '401: Unauthorized');
        } else {
          try {
            reply = route.handle({ params: match.slice(1), query, body, files, bearer, basic });
          } catch (cause) {
            reply = { status: 500, body: { message: String(cause), code: 0 } };
          }
        }
        break;
      }
    }

    const record: RecordedRequest = {
      method,
      path,
      query,
      body,
      files: files.map(({ data: _data, ...file }) => file),
      token,
      status: reply.status,
      matched,
      at: Date.now(),
    };
    this.requests.push(record);
    send(res, reply);
    this.options.onRecord?.(record);
  }

  private authorized(token: string | null): boolean {
    if (!token) return false;
    return this.options.token === undefined || this.options.token === token;
  }

  private buildRoutes(): Route[] {
    const app = '(@me|\\d{15,21})';
    const route = (method: string, path: string, handle: Route['handle'], auth: Route['auth'] = true): Route => ({
      method,
      pattern: new RegExp(`^${path}$`),
      auth,
      handle,
    });
    const oauth = this.options.oauth;
    return [
      route('GET', '/gateway', () => ({ status: 200, body: { url: this.options.gatewayUrl() } }), false),
      route('GET', '/gateway/bot', () => ({ status: 200, body: this.gatewayBot() })),
      route('POST', '/oauth2/token', ({ body, basic }) => oauth.token(body, basic), false),
      route('GET', '/users/@me', ({ bearer }) => oauth.me(bearer ?? ''), 'bearer'),
      route('GET', '/users/@me/guilds', ({ bearer }) => oauth.myGuilds(bearer ?? ''), 'bearer'),
      route('GET', '/users/@me', () => ({ status: 200, body: this.store.botUser })),
      route('GET', `/users/${ID}`, ({ params }) => this.getUser(params[0])),
      route('GET', '/applications/@me', () => ({
        status: 200,
        body: applicationPayload(this.store.applicationId, this.store.botUser),
      })),
      route('GET', `/applications/${app}/commands`, ({ params }) => this.listCommands(params[0])),
      route('PUT', `/applications/${app}/commands`, ({ params, body }) => this.putCommands(params[0], body)),
      route('POST', `/applications/${app}/commands`, ({ params, body }) => this.postCommand(params[0], body)),
      route('GET', `/applications/${app}/commands/${ID}`, ({ params }) => this.getCommand(params[0], params[1])),
      route('DELETE', `/applications/${app}/commands/${ID}`, ({ params }) => this.deleteCommand(params[0], params[1])),
      route('GET', `/applications/${app}/guilds/${ID}/commands`, ({ params }) =>
        this.listCommands(params[0], params[1]),
      ),
      route('PUT', `/applications/${app}/guilds/${ID}/commands`, ({ params, body }) =>
        this.putCommands(params[0], body, params[1]),
      ),
      route('POST', `/applications/${app}/guilds/${ID}/commands`, ({ params, body }) =>
        this.postCommand(params[0], body, params[1]),
      ),
      route('GET', `/applications/${app}/guilds/${ID}/commands/${ID}`, ({ params }) =>
        this.getCommand(params[0], params[2], params[1]),
      ),
      route('DELETE', `/applications/${app}/guilds/${ID}/commands/${ID}`, ({ params }) =>
        this.deleteCommand(params[0], params[2], params[1]),
      ),
      route(
        'POST',
        `/interactions/${ID}/${TOKEN}/callback`,
        ({ params, query, body, files }) => this.interactionCallback(params[0], params[1], query, body, files),
        false,
      ),
      route(
        'GET',
        `/webhooks/${ID}/${TOKEN}/messages/(@original|\\d{15,21})`,
        ({ params }) => this.webhookGet(params[0], params[1], params[2]),
        false,
      ),
      route(
        'PATCH',
        `/webhooks/${ID}/${TOKEN}/messages/(@original|\\d{15,21})`,
        ({ params, body, files }) => this.webhookEdit(params[0], params[1], params[2], body, files),
        false,
      ),
      route(
        'DELETE',
        `/webhooks/${ID}/${TOKEN}/messages/(@original|\\d{15,21})`,
        ({ params }) => this.webhookDelete(params[0], params[1], params[2]),
        false,
      ),
      route(
        'POST',
        `/webhooks/${ID}/${TOKEN}`,
        ({ params, query, body, files }) => this.webhookFollowUp(params[0], params[1], query, body, files),
        false,
      ),
      route('GET', `/channels/${ID}`, ({ params }) => this.getChannel(params[0])),
      route('GET', `/channels/${ID}/messages`, ({ params }) => this.listMessages(params[0])),
      route('POST', `/channels/${ID}/messages`, ({ params, body, files }) =>
        this.createChannelMessage(params[0], body, files),
      ),
      route('GET', `/channels/${ID}/messages/${ID}`, ({ params }) => this.getChannelMessage(params[0], params[1])),
      route('PATCH', `/channels/${ID}/messages/${ID}`, ({ params, body, files }) =>
        this.editChannelMessage(params[0], params[1], body, files),
      ),
      route('DELETE', `/channels/${ID}/messages/${ID}`, ({ params }) =>
        this.deleteChannelMessage(params[0], params[1]),
      ),
      route('GET', `/guilds/${ID}`, ({ params }) => this.getGuild(params[0])),
      route('GET', `/guilds/${ID}/channels`, ({ params }) => this.getGuildChannels(params[0])),
      route('GET', `/guilds/${ID}/roles`, ({ params }) => this.getGuildRoles(params[0])),
      route('GET', `/guilds/${ID}/members/${ID}`, ({ params }) => this.getMember(params[0], params[1])),
    ];
  }

  private gatewayBot(): unknown {
    const shards = this.options.shardCount;
    return {
      url: this.options.gatewayUrl(),
      shards,
      session_start_limit: {
        total: 1000,
        remaining: 1000,
        reset_after: 14_400_000,
        max_concurrency: this.options.maxConcurrency,
      },
    };
  }

  private getUser(userId: string): Reply {
    if (userId === this.store.botUser.id) return { status: 200, body: this.store.botUser };
    for (const guild of this.store.guilds.values()) {
      const member = findMember(guild, userId);
      if (member) return { status: 200, body: member.user };
    }
    return UNKNOWN_USER;
  }

  // --- application commands -------------------------------------------------------------------

  private checkApplication(app: string, guildId?: string): Reply | null {
    if (app !== '@me' && app !== this.store.applicationId) return MISSING_ACCESS;
    if (guildId !== undefined && !this.store.guilds.has(guildId)) return MISSING_ACCESS;
    return null;
  }

  private listCommands(app: string, guildId?: string): Reply {
    return this.checkApplication(app, guildId) ?? { status: 200, body: this.store.commands(guildId) };
  }

  /** Bulk overwrite: commands keep their id when a command of the same name and type existed. */
  private putCommands(app: string, body: unknown, guildId?: string): Reply {
    const denied = this.checkApplication(app, guildId);
    if (denied) return denied;
    if (!Array.isArray(body)) return invalidForm('_root', 'Expected an array of commands');
    const existing = this.store.commands(guildId);
    const commands: APIApplicationCommand[] = [];
    for (const [index, input] of body.entries()) {
      const built = this.buildCommand(input, existing, guildId);
      if ('status' in built) return invalidForm(String(index), 'Invalid command');
      commands.push(built);
    }
    this.store.setCommands(commands, guildId);
    return { status: 200, body: commands };
  }

  private postCommand(app: string, body: unknown, guildId?: string): Reply {
    const denied = this.checkApplication(app, guildId);
    if (denied) return denied;
    const existing = this.store.commands(guildId);
    const built = this.buildCommand(body, existing, guildId);
    if ('status' in built) return built;
    const index = existing.findIndex((c) => c.id === built.id);
    if (index === -1) existing.push(built);
    else existing[index] = built;
    return { status: index === -1 ? 201 : 200, body: built };
  }

  private getCommand(app: string, commandId: string, guildId?: string): Reply {
    const denied = this.checkApplication(app, guildId);
    if (denied) return denied;
    const command = this.store.commands(guildId).find((c) => c.id === commandId);
    return command ? { status: 200, body: command } : UNKNOWN_COMMAND;
  }

  private deleteCommand(app: string, commandId: string, guildId?: string): Reply {
    const denied = this.checkApplication(app, guildId);
    if (denied) return denied;
    const list = this.store.commands(guildId);
    const index = list.findIndex((c) => c.id === commandId);
    if (index === -1) return UNKNOWN_COMMAND;
    list.splice(index, 1);
    return { status: 204 };
  }

  private buildCommand(
    input: unknown,
    existing: APIApplicationCommand[],
    guildId?: string,
  ): APIApplicationCommand | Reply {
    if (!isRecord(input) || typeof input.name !== 'string' || input.name.length === 0) {
      return invalidForm('name', 'This field is required');
    }
    const type =
      typeof input.type === 'number' ? (input.type as ApplicationCommandType) : ApplicationCommandType.ChatInput;
    const previous = existing.find((c) => c.name === input.name && c.type === type);
    const command: APIApplicationCommand = {
      id: previous?.id ?? this.store.ids.next(),
      application_id: this.store.applicationId,
      version: this.store.ids.next(),
      type,
      name: input.name,
      name_localizations: isRecord(input.name_localizations) ? input.name_localizations : null,
      description: typeof input.description === 'string' ? input.description : '',
      description_localizations: isRecord(input.description_localizations) ? input.description_localizations : null,
      options: Array.isArray(input.options) ? (input.options as APIApplicationCommandOption[]) : [],
      default_member_permissions:
        typeof input.default_member_permissions === 'string' ? input.default_member_permissions : null,
      nsfw: input.nsfw === true,
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: null,
    };
    if (guildId !== undefined) command.guild_id = guildId;
    else command.dm_permission = input.dm_permission !== false;
    return command;
  }

  // --- interactions -----------------------------------------------------------------------------

  private interactionCallback(
    interactionId: string,
    token: string,
    query: Record<string, string>,
    body: unknown,
    files: MultipartFile[],
  ): Reply {
    const interaction = this.store.interactions.get(interactionId);
    if (!interaction || interaction.token !== token) return UNKNOWN_INTERACTION;
    if (interaction.callbackType !== null) return ALREADY_ACKNOWLEDGED;
    if (!isRecord(body) || typeof body.type !== 'number') return invalidForm('type', 'This field is required');
    const type = body.type as InteractionResponseType;
    if (!allowedCallback(interaction.type, type)) return invalidForm('type', 'Invalid interaction response type');

    const data = readMessageBody(body.data);
    let message: APIMessage | undefined;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
        message = this.createInteractionMessage(interaction, data, files);
        interaction.originalMessageId = message.id;
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        // Discord shows "Bot is thinking..." as a real message with the Loading flag until the edit.
        const ephemeral = (data.flags ?? 0) & MessageFlags.Ephemeral;
        message = this.createInteractionMessage(interaction, { flags: MessageFlags.Loading | ephemeral }, []);
        interaction.originalMessageId = message.id;
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        interaction.originalMessageId = interaction.componentMessageId;
        break;
      case InteractionResponseType.UpdateMessage: {
        interaction.originalMessageId = interaction.componentMessageId;
        const current = interaction.componentMessageId
          ? this.store.findMessage(interaction.channelId, interaction.componentMessageId)
          : undefined;
        if (current) {
          message = applyMessageEdit(current, data, this.attachmentsFor(files, current.channel_id), new Date());
          this.store.replaceMessage(message);
        }
        break;
      }
      case InteractionResponseType.Pong:
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
      case InteractionResponseType.Modal:
      case InteractionResponseType.PremiumRequired:
      case InteractionResponseType.LaunchActivity:
        break;
    }
    interaction.callbackType = type;

    if (query.with_response !== 'true') return { status: 204 };
    const result: RESTPostAPIInteractionCallbackWithResponseResult = {
      interaction: {
        id: interaction.id,
        type: interaction.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: ((message.flags ?? 0) & MessageFlags.Loading) !== 0,
              response_message_ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type, ...(message ? { message } : {}) },
    };
    return { status: 200, body: result };
  }

  private createInteractionMessage(
    interaction: StoredInteraction,
    data: MessageBody,
    files: MultipartFile[],
    followUp = false,
  ): APIMessage {
    const user = this.userOf(interaction);
    const isCommand = interaction.type === InteractionType.ApplicationCommand;
    const message = buildMessage({
      id: this.store.ids.next(),
      channelId: interaction.channelId,
      guildId: interaction.guildId,
      author: this.store.botUser,
      body: data,
      attachments: this.attachmentsFor(files, interaction.channelId) ?? [],
      type: isCommand && !followUp ? MessageType.ChatInputCommand : MessageType.Default,
      webhookId: this.store.applicationId,
      applicationId: this.store.applicationId,
      interactionMetadata: {
        id: interaction.id,
        type: interaction.type,
        user,
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: interaction.guildId },
        ...(followUp && interaction.originalMessageId
          ? { original_response_message_id: interaction.originalMessageId }
          : {}),
      } as APIMessage['interaction_metadata'],
      interaction: isCommand ? { id: interaction.id, type: interaction.type, name: interaction.name, user } : undefined,
      now: new Date(),
    });
    this.store.addMessage(message);
    return message;
  }

  private userOf(interaction: StoredInteraction): APIMessage['author'] {
    const guild = this.store.guilds.get(interaction.guildId);
    const member = guild ? findMember(guild, interaction.userId) : undefined;
    return member ? structuredClone(member.user) : { ...this.store.botUser, id: interaction.userId, bot: false };
  }

  /** Attachments for uploaded files; `undefined` means "leave the message's attachments alone". */
  private attachmentsFor(files: MultipartFile[], channelId: string): APIAttachment[] | undefined {
    if (files.length === 0) return undefined;
    return files.map((file) => {
      const id = this.store.ids.next();
      const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${file.filename}`;
      return {
        id,
        filename: file.filename,
        size: file.size,
        url,
        proxy_url: url.replace('cdn.discordapp.com', 'media.discordapp.net'),
        content_type: file.contentType,
      };
    });
  }

  private interactionForWebhook(app: string, token: string): StoredInteraction | undefined {
    if (app !== this.store.applicationId) return undefined;
    return this.store.findInteractionByToken(token);
  }

  private resolveWebhookMessage(interaction: StoredInteraction, ref: string): APIMessage | undefined {
    const id = ref === '@original' ? interaction.originalMessageId : ref;
    if (!id) return undefined;
    const ownsMessage = id === interaction.originalMessageId || interaction.followUpIds.includes(id);
    return ownsMessage ? this.store.findMessage(interaction.channelId, id) : undefined;
  }

  private webhookGet(app: string, token: string, ref: string): Reply {
    const interaction = this.interactionForWebhook(app, token);
    if (!interaction) return UNKNOWN_WEBHOOK;
    const message = this.resolveWebhookMessage(interaction, ref);
    return message ? { status: 200, body: message } : UNKNOWN_MESSAGE;
  }

  private webhookEdit(app: string, token: string, ref: string, body: unknown, files: MultipartFile[]): Reply {
    const interaction = this.interactionForWebhook(app, token);
    if (!interaction) return UNKNOWN_WEBHOOK;
    const message = this.resolveWebhookMessage(interaction, ref);
    if (!message) return UNKNOWN_MESSAGE;
    const data = readMessageBody(body);
    const edited = applyMessageEdit(message, data, this.attachmentsFor(files, message.channel_id), new Date());
    this.store.replaceMessage(edited);
    return { status: 200, body: edited };
  }

  private webhookDelete(app: string, token: string, ref: string): Reply {
    const interaction = this.interactionForWebhook(app, token);
    if (!interaction) return UNKNOWN_WEBHOOK;
    const message = this.resolveWebhookMessage(interaction, ref);
    if (!message) return UNKNOWN_MESSAGE;
    this.store.deleteMessage(message.channel_id, message.id);
    return { status: 204 };
  }

  private webhookFollowUp(
    app: string,
    token: string,
    query: Record<string, string>,
    body: unknown,
    files: MultipartFile[],
  ): Reply {
    const interaction = this.interactionForWebhook(app, token);
    // Discord only accepts follow-ups once the interaction was acknowledged.
    if (!interaction || interaction.callbackType === null) return UNKNOWN_WEBHOOK;
    const message = this.createInteractionMessage(interaction, readMessageBody(body), files, true);
    interaction.followUpIds.push(message.id);
    return query.wait === 'true' ? { status: 200, body: message } : { status: 204 };
  }

  // --- channels, guilds ---------------------------------------------------------------------------

  private botCan(channelId: string, permissions: bigint): Reply | null {
    const found = this.store.findChannel(channelId);
    if (!found) return UNKNOWN_CHANNEL;
    const granted = computePermissions(found.guild, this.store.botUser.id, found.channel);
    if ((granted & PermissionFlagsBits.ViewChannel) === 0n) return MISSING_ACCESS;
    return (granted & permissions) === permissions ? null : MISSING_PERMISSIONS;
  }

  private getChannel(channelId: string): Reply {
    const denied = this.botCan(channelId, PermissionFlagsBits.ViewChannel);
    if (denied) return denied;
    return { status: 200, body: this.store.findChannel(channelId)?.channel };
  }

  private listMessages(channelId: string): Reply {
    const denied = this.botCan(channelId, PermissionFlagsBits.ReadMessageHistory);
    if (denied) return denied;
    // Discord lists newest first.
    return { status: 200, body: [...this.store.messages(channelId)].reverse().slice(0, 50) };
  }

  private createChannelMessage(channelId: string, body: unknown, files: MultipartFile[]): Reply {
    const denied = this.botCan(channelId, PermissionFlagsBits.SendMessages);
    if (denied) return denied;
    const data = readMessageBody(body);
    const hasContent = Boolean(data.content) || Boolean(data.embeds?.length) || Boolean(data.components?.length);
    if (!hasContent && files.length === 0) return error(400, 50006, 'Cannot send an empty message');
    const found = this.store.findChannel(channelId);
    const message = buildMessage({
      id: this.store.ids.next(),
      channelId,
      guildId: found?.guild.id,
      author: this.store.botUser,
      body: data,
      attachments: this.attachmentsFor(files, channelId) ?? [],
      now: new Date(),
    });
    this.store.addMessage(message);
    return { status: 200, body: message };
  }

  private getChannelMessage(channelId: string, messageId: string): Reply {
    const denied = this.botCan(channelId, PermissionFlagsBits.ReadMessageHistory);
    if (denied) return denied;
    const message = this.store.findMessage(channelId, messageId);
    return message ? { status: 200, body: message } : UNKNOWN_MESSAGE;
  }

  private editChannelMessage(channelId: string, messageId: string, body: unknown, files: MultipartFile[]): Reply {
    if (!this.store.findChannel(channelId)) return UNKNOWN_CHANNEL;
    const message = this.store.findMessage(channelId, messageId);
    if (!message) return UNKNOWN_MESSAGE;
    if (message.author.id !== this.store.botUser.id) {
      return error(403, 50005, 'Cannot edit a message authored by another user');
    }
    const data = readMessageBody(body);
    const edited = applyMessageEdit(message, data, this.attachmentsFor(files, channelId), new Date());
    this.store.replaceMessage(edited);
    return { status: 200, body: edited };
  }

  private deleteChannelMessage(channelId: string, messageId: string): Reply {
    if (!this.store.findChannel(channelId)) return UNKNOWN_CHANNEL;
    const message = this.store.findMessage(channelId, messageId);
    if (!message) return UNKNOWN_MESSAGE;
    if (message.author.id !== this.store.botUser.id) {
      const denied = this.botCan(channelId, PermissionFlagsBits.ManageMessages);
      if (denied) return denied;
    }
    this.store.deleteMessage(channelId, messageId);
    return { status: 204 };
  }

  private getGuild(guildId: string): Reply {
    const guild = this.store.guilds.get(guildId);
    return guild ? { status: 200, body: guildPayload(guild) } : UNKNOWN_GUILD;
  }

  private getGuildChannels(guildId: string): Reply {
    const guild = this.store.guilds.get(guildId);
    return guild ? { status: 200, body: guild.channels } : UNKNOWN_GUILD;
  }

  private getGuildRoles(guildId: string): Reply {
    const guild = this.store.guilds.get(guildId);
    return guild ? { status: 200, body: guild.roles } : UNKNOWN_GUILD;
  }

  private getMember(guildId: string, userId: string): Reply {
    const guild = this.store.guilds.get(guildId);
    if (!guild) return UNKNOWN_GUILD;
    const member = findMember(guild, userId);
    return member ? { status: 200, body: member } : UNKNOWN_MEMBER;
  }
}

/** Which callback types Discord accepts for which interaction type. */
function allowedCallback(interactionType: InteractionType, callback: InteractionResponseType): boolean {
  switch (callback) {
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      return interactionType === InteractionType.ApplicationCommandAutocomplete;
    case InteractionResponseType.DeferredMessageUpdate:
    case InteractionResponseType.UpdateMessage:
      return interactionType === InteractionType.MessageComponent || interactionType === InteractionType.ModalSubmit;
    case InteractionResponseType.ChannelMessageWithSource:
    case InteractionResponseType.DeferredChannelMessageWithSource:
    case InteractionResponseType.PremiumRequired:
    case InteractionResponseType.LaunchActivity:
      return interactionType !== InteractionType.ApplicationCommandAutocomplete;
    case InteractionResponseType.Modal:
      return (
        interactionType === InteractionType.ApplicationCommand || interactionType === InteractionType.MessageComponent
      );
    case InteractionResponseType.Pong:
      return interactionType === InteractionType.Ping;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(raw: Buffer, contentType: string | undefined): { body: unknown; files: MultipartFile[] } {
  if (raw.length === 0) return { body: null, files: [] };
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    return { body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
  }
  const boundary = multipartBoundary(contentType);
  if (boundary) {
    const { fields, files } = parseMultipart(raw, boundary);
    return { body: fields.payload_json === undefined ? null : parseJson(fields.payload_json), files };
  }
  return { body: parseJson(raw.toString('utf8')), files: [] };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function basicCredentials(encoded: string): { id: string; secret: string } | null {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.text !== undefined) {
    const headers = { 'Content-Type': 'text/html; charset=utf-8', ...reply.headers };
    res.writeHead(reply.status, { ...headers, 'Content-Length': Buffer.byteLength(reply.text) }).end(reply.text);
    return;
  }
  if (reply.body === undefined || reply.status === 204) {
    res.writeHead(reply.status, reply.headers).end();
    return;
  }
  const json = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(json),
  });
  res.end(json);
}
