import {
  type APIGuildCategoryChannel,
  type APIGuildMember,
  type APIGuildVoiceChannel,
  type APINewsChannel,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type APIVoiceState,
  ChannelType,
  Locale,
} from 'discord.js';
import { MemberFactory } from './member.factory';
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, RoleFactory } from './role.factory';
import { SnowflakeFactory } from './snowflake.factory';
import { TextChannelFactory } from './text-channel.factory';
import { DEFAULT_BOT_USER, UserFactory } from './user.factory';
import { VoiceChannelFactory } from './voice-channel.factory';

export type FakeGuildChannel = APITextChannel | APINewsChannel | APIGuildVoiceChannel | APIGuildCategoryChannel;

/** A guild as the fake Discord holds it: plain API-shaped data, cloned by the fake on use. */
export interface FakeGuildDefinition {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: Locale;
  /** Includes @everyone (id = guild id) and the bot's managed role. */
  roles: APIRole[];
  channels: FakeGuildChannel[];
  /** Includes the owner and the bot. */
  members: APIGuildMember[];
  /** Voice states without `member` (the fake adds it when dispatching). */
  voiceStates: APIVoiceState[];
}

export interface VoiceStateInput {
  userId: string;
  channelId: string;
  selfDeaf?: boolean;
  selfMute?: boolean;
  deaf?: boolean;
  mute?: boolean;
}

export interface GuildInput {
  id?: string;
  name?: string;
  /** The owner; a fresh user when left out. Always a member. */
  owner?: APIUser;
  /** The bot user to add as a member; `DEFAULT_BOT_USER` when left out. */
  botUser?: APIUser;
  /** Permissions of the bot's managed role. */
  botPermissions?: bigint;
  everyonePermissions?: bigint;
  /** Roles besides @everyone and the bot's role (e.g. a DJ role). */
  roles?: APIRole[];
  /** Replaces the default `#general` text and `General` voice channel. */
  channels?: FakeGuildChannel[];
  /** Members besides the owner and the bot. */
  members?: APIGuildMember[];
  voiceStates?: VoiceStateInput[];
  preferredLocale?: Locale;
}

let sequence = 0;

export class GuildFactory {
  static create(input: GuildInput = {}): FakeGuildDefinition {
    sequence += 1;
    const id = input.id ?? SnowflakeFactory.next();
    const owner = input.owner ?? UserFactory.create({ username: `owner${sequence}` });
    const botUser = input.botUser ?? DEFAULT_BOT_USER;
    const botRole = RoleFactory.botRole(botUser.id, botUser.username, input.botPermissions ?? DEFAULT_BOT_PERMISSIONS);
    const roles = [
      RoleFactory.everyone(id, input.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS),
      botRole,
      ...(input.roles ?? []),
    ];
    const channels = (input.channels ?? [TextChannelFactory.create(), VoiceChannelFactory.create()]).map((channel) => ({
      ...channel,
      guild_id: channel.guild_id ?? id,
    }));
    const members = uniqueById([
      MemberFactory.create({ user: owner }),
      MemberFactory.create({ user: { ...botUser }, roles: [botRole.id] }),
      ...(input.members ?? []),
    ]);
    const voiceStates = (input.voiceStates ?? []).map((state) => GuildFactory.voiceState(id, state));
    return {
      id,
      name: input.name ?? `Guild ${sequence}`,
      ownerId: owner.id,
      preferredLocale: input.preferredLocale ?? Locale.EnglishUS,
      roles,
      channels,
      members,
      voiceStates,
    };
  }

  /** A voice state as Discord stores it; `session_id` is derived from the user so it is stable. */
  static voiceState(guildId: string, input: VoiceStateInput): APIVoiceState {
    return {
      guild_id: guildId,
      channel_id: input.channelId,
      user_id: input.userId,
      session_id: `voice-session-${input.userId}`,
      deaf: input.deaf ?? false,
      mute: input.mute ?? false,
      self_deaf: input.selfDeaf ?? false,
      self_mute: input.selfMute ?? false,
      self_stream: false,
      self_video: false,
      suppress: false,
      request_to_speak_timestamp: null,
    };
  }

  /** The first text channel of a guild (throws when there is none, to fail tests early). */
  static textChannel(guild: FakeGuildDefinition): APITextChannel {
    const channel = guild.channels.find((c): c is APITextChannel => c.type === ChannelType.GuildText);
    if (!channel) throw new Error(`Guild ${guild.id} has no text channel`);
    return channel;
  }

  /** The first voice channel of a guild (throws when there is none). */
  static voiceChannel(guild: FakeGuildDefinition): APIGuildVoiceChannel {
    const channel = guild.channels.find((c): c is APIGuildVoiceChannel => c.type === ChannelType.GuildVoice);
    if (!channel) throw new Error(`Guild ${guild.id} has no voice channel`);
    return channel;
  }

  /** Restarts every factory's deterministic sequence. */
  static resetAll(): void {
    sequence = 0;
    SnowflakeFactory.reset();
    UserFactory.reset();
    RoleFactory.reset();
    TextChannelFactory.reset();
    VoiceChannelFactory.reset();
  }
}

function uniqueById(members: APIGuildMember[]): APIGuildMember[] {
  const byId = new Map<string, APIGuildMember>();
  for (const member of members) byId.set(member.user.id, member);
  return [...byId.values()];
}
