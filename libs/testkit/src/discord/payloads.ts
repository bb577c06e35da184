import {
  type APIApplication,
  type APIAttachment,
  type APIEmbed,
  type APIGuild,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIMessageTopLevelComponent,
  type APIUser,
  type APIVoiceState,
  ApplicationFlags,
  ApplicationIntegrationType,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  type GatewayVoiceStateUpdateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  type GuildSystemChannelFlags,
  GuildVerificationLevel,
  type InteractionType,
  MessageFlags,
  MessageType,
  OverwriteType,
  PermissionFlagsBits,
} from 'discord.js';
import { type FakeGuildChannel, type FakeGuildDefinition } from '../factories';

/** Every permission bit discord.js knows: what owners and administrators get. */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function findMember(guild: FakeGuildDefinition, userId: string): APIGuildMember | undefined {
  return guild.members.find((member) => member.user.id === userId);
}

/**
 * Discord's permission algorithm: @everyone and the member's roles, administrator and owner shortcut,
 * then the channel's overwrites (@everyone, roles, member). Interactions carry this value.
 */
export function computePermissions(guild: FakeGuildDefinition, userId: string, channel?: FakeGuildChannel): bigint {
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  const member = findMember(guild, userId);
  const roleIds = new Set([guild.id, ...(member?.roles ?? [])]);
  let permissions = 0n;
  for (const role of guild.roles) if (roleIds.has(role.id)) permissions |= BigInt(role.permissions);
  if ((permissions & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;
  if (!channel) return permissions;

  const overwrites = channel.permission_overwrites ?? [];
  const everyone = overwrites.find((o) => o.id === guild.id);
  if (everyone) permissions = (permissions & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const o of overwrites) {
    if (o.type === OverwriteType.Role && o.id !== guild.id && roleIds.has(o.id)) {
      roleAllow |= BigInt(o.allow);
      roleDeny |= BigInt(o.deny);
    }
  }
  permissions = (permissions & ~roleDeny) | roleAllow;
  const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === userId);
  if (own) permissions = (permissions & ~BigInt(own.deny)) | BigInt(own.allow);
  return permissions;
}

export function interactionMember(
  guild: FakeGuildDefinition,
  member: APIGuildMember,
  channel: FakeGuildChannel,
): APIInteractionGuildMember {
  return { ...structuredClone(member), permissions: computePermissions(guild, member.user.id, channel).toString() };
}

export function guildPayload(guild: FakeGuildDefinition): APIGuild {
  const systemChannel = guild.channels.find((c) => c.type === ChannelType.GuildText);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: structuredClone(guild.roles),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: systemChannel?.id ?? null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_presences: null,
    max_members: 500000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: guild.preferredLocale,
    nsfw_level: GuildNSFWLevel.Default,
    hub_type: null,
    incidents_data: null,
  };
}

/** The voice state as dispatched: with `guild_id` and the full member (discord.js caches it from there). */
export function voiceStateDispatchData(
  guild: FakeGuildDefinition,
  state: APIVoiceState,
): GatewayVoiceStateUpdateDispatchData {
  const member = findMember(guild, state.user_id);
  return { ...structuredClone(state), guild_id: guild.id, ...(member ? { member: structuredClone(member) } : {}) };
}

export function guildCreatePayload(
  guild: FakeGuildDefinition,
  options: { botUserId: string; withVoiceStates: boolean },
): GatewayGuildCreateDispatchData {
  const bot = findMember(guild, options.botUserId);
  return {
    ...guildPayload(guild),
    joined_at: bot?.joined_at ?? new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.length,
    // GUILD_CREATE voice states come without guild_id and member; discord.js takes the guild from context.
    voice_states: options.withVoiceStates
      ? guild.voiceStates.map(({ guild_id: _guildId, member: _member, ...rest }) => structuredClone(rest))
      : [],
    members: structuredClone(guild.members),
    channels: structuredClone(guild.channels),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

const APPLICATION_FLAGS = ApplicationFlags.GatewayGuildMembersLimited | ApplicationFlags.ApplicationCommandBadge;

export function applicationPayload(applicationId: string, botUser: APIUser): APIApplication {
  return {
    id: applicationId,
    name: botUser.username,
    icon: null,
    description: '',
    bot_public: true,
    bot_require_code_grant: false,
    bot: structuredClone(botUser),
    verify_key: '0'.repeat(64),
    team: null,
    summary: '',
    flags: APPLICATION_FLAGS,
    flags_new: APPLICATION_FLAGS.toString(),
    approximate_guild_count: 1,
    integration_types_config: { [ApplicationIntegrationType.GuildInstall]: {} },
  };
}

/** The part of a message body the fake understands (from JSON or multipart `payload_json`). */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  tts?: boolean;
  nonce?: string | number;
}

/** Keeps the message fields Discord echoes back; anything else in the body is ignored. */
export function readMessageBody(body: unknown): MessageBody {
  if (!isRecord(body)) return {};
  const out: MessageBody = {};
  if (typeof body.content === 'string') out.content = body.content;
  if (Array.isArray(body.embeds)) out.embeds = body.embeds as APIEmbed[];
  if (Array.isArray(body.components)) out.components = body.components as APIMessageTopLevelComponent[];
  if (typeof body.flags === 'number') out.flags = body.flags;
  if (typeof body.tts === 'boolean') out.tts = body.tts;
  if (typeof body.nonce === 'string' || typeof body.nonce === 'number') out.nonce = body.nonce;
  return out;
}

export interface NewMessage {
  id: string;
  channelId: string;
  guildId?: string;
  author: APIUser;
  body: MessageBody;
  attachments: APIAttachment[];
  type?: MessageType;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
  interaction?: { id: string; type: InteractionType; name: string; user: APIUser };
  now: Date;
}

export function buildMessage(input: NewMessage): APIMessage {
  const { body } = input;
  const message: APIMessage & { guild_id?: string } = {
    id: input.id,
    channel_id: input.channelId,
    author: structuredClone(input.author),
    content: body.content ?? '',
    timestamp: input.now.toISOString(),
    edited_timestamp: null,
    tts: body.tts ?? false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: input.attachments,
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    pinned: false,
    type: input.type ?? MessageType.Default,
    flags: body.flags ?? 0,
  };
  if (input.guildId) message.guild_id = input.guildId;
  if (body.nonce !== undefined) message.nonce = body.nonce;
  if (input.webhookId) message.webhook_id = input.webhookId;
  if (input.applicationId) message.application_id = input.applicationId;
  if (input.interactionMetadata) message.interaction_metadata = input.interactionMetadata;
  if (input.interaction) message.interaction = input.interaction;
  return message;
}

/** PATCH semantics: only the fields sent change; editing a deferred reply clears its loading flag. */
export function applyMessageEdit(
  message: APIMessage,
  body: MessageBody,
  attachments: APIAttachment[] | undefined,
  now: Date,
): APIMessage {
  const edited: APIMessage = { ...message, edited_timestamp: now.toISOString() };
  if (body.content !== undefined) edited.content = body.content;
  if (body.embeds !== undefined) edited.embeds = body.embeds;
  if (body.components !== undefined) edited.components = body.components;
  if (attachments !== undefined) edited.attachments = attachments;
  const keep = (message.flags ?? 0) & MessageFlags.Ephemeral;
  edited.flags = ((body.flags ?? message.flags ?? 0) & ~MessageFlags.Loading) | keep;
  return edited;
}
