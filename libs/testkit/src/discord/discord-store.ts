import {
  type APIApplicationCommand,
  type APIMessage,
  type APIUser,
  type InteractionResponseType,
  type InteractionType,
} from 'discord.js';
import { type FakeGuildChannel, type FakeGuildDefinition, SnowflakeFactory } from '../factories';

/** What the fake remembers about an interaction it dispatched, to answer its callback and webhook calls. */
export interface StoredInteraction {
  id: string;
  token: string;
  type: InteractionType;
  guildId: string;
  channelId: string;
  userId: string;
  /** Command name for commands and autocomplete, custom id for components. */
  name: string;
  /** The message a component interaction came from. */
  componentMessageId: string | null;
  callbackType: InteractionResponseType | null;
  /** `@original`: the reply (or, after an update, the component's message). */
  originalMessageId: string | null;
  followUpIds: string[];
}

/** The mutable world of the fake Discord, shared by its REST routes and its gateway. */
export class DiscordStore {
  readonly guilds = new Map<string, FakeGuildDefinition>();
  readonly interactions = new Map<string, StoredInteraction>();
  /** Ids of things created during the test use the real clock, like Discord's. */
  readonly ids = new SnowflakeFactory({ clock: () => Date.now() });
  private readonly messagesByChannel = new Map<string, APIMessage[]>();
  private readonly globalCommands: APIApplicationCommand[] = [];
  private readonly guildCommands = new Map<string, APIApplicationCommand[]>();

  constructor(
    readonly applicationId: string,
    readonly botUser: APIUser,
    guilds: FakeGuildDefinition[],
  ) {
    for (const guild of guilds) this.guilds.set(guild.id, guild);
  }

  findChannel(channelId: string): { guild: FakeGuildDefinition; channel: FakeGuildChannel } | undefined {
    for (const guild of this.guilds.values()) {
      const channel = guild.channels.find((c) => c.id === channelId);
      if (channel) return { guild, channel };
    }
    return undefined;
  }

  findInteractionByToken(token: string): StoredInteraction | undefined {
    for (const interaction of this.interactions.values()) if (interaction.token === token) return interaction;
    return undefined;
  }

  messages(channelId: string): APIMessage[] {
    return this.messagesByChannel.get(channelId) ?? [];
  }

  findMessage(channelId: string, messageId: string): APIMessage | undefined {
    return this.messages(channelId).find((m) => m.id === messageId);
  }

  findMessageAnywhere(messageId: string): APIMessage | undefined {
    for (const list of this.messagesByChannel.values()) {
      const found = list.find((m) => m.id === messageId);
      if (found) return found;
    }
    return undefined;
  }

  addMessage(message: APIMessage): void {
    const list = this.messagesByChannel.get(message.channel_id) ?? [];
    list.push(message);
    this.messagesByChannel.set(message.channel_id, list);
    const found = this.findChannel(message.channel_id);
    if (found && 'last_message_id' in found.channel) found.channel.last_message_id = message.id;
  }

  /** Replaces a message in place, so "the message in channel X now" reflects every edit. */
  replaceMessage(message: APIMessage): void {
    const list = this.messages(message.channel_id);
    const index = list.findIndex((m) => m.id === message.id);
    if (index === -1) list.push(message);
    else list[index] = message;
    this.messagesByChannel.set(message.channel_id, list);
  }

  deleteMessage(channelId: string, messageId: string): boolean {
    const list = this.messages(channelId);
    const index = list.findIndex((m) => m.id === messageId);
    if (index === -1) return false;
    list.splice(index, 1);
    return true;
  }

  commands(guildId?: string): APIApplicationCommand[] {
    if (guildId === undefined) return this.globalCommands;
    const list = this.guildCommands.get(guildId) ?? [];
    this.guildCommands.set(guildId, list);
    return list;
  }

  setCommands(commands: APIApplicationCommand[], guildId?: string): void {
    const list = this.commands(guildId);
    list.splice(0, list.length, ...commands);
  }
}
