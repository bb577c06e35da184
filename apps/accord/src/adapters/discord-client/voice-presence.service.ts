import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { ChannelType, Events, type Client, type Guild, type VoiceState } from 'discord.js';
import { DomainEvent, type ListenersChangedEvent } from '@accord/core';
import { DISCORD_CLIENT } from './discord-client.provider';

/**
 * Who can hear the bot: the members in its voice channel who are not bots and not deafened
 * (by themselves or by the server). Published as `ListenersChanged` whenever that set changes,
 * so recommendations re-weight and playback pauses in an empty room.
 */
@Injectable()
export class VoicePresenceService implements OnModuleInit {
  private readonly known = new Map<string, { channelId: string | null; listeners: string[] }>();

  constructor(
    @Inject(DISCORD_CLIENT) private readonly client: Client,
    private readonly events: EventEmitter2,
  ) {}

  onModuleInit(): void {
    this.client.on(Events.VoiceStateUpdate, (before, after) => this.onVoiceState(before, after));
  }

  /** The listeners in a voice channel now, from the gateway's cache. */
  listeners(guildId: string, channelId: string | null): string[] {
    if (!channelId) return [];
    const channel = this.client.guilds.cache.get(guildId)?.channels.cache.get(channelId);
    if (!channel || (channel.type !== ChannelType.GuildVoice && channel.type !== ChannelType.GuildStageVoice)) {
      return [];
    }
    return listenersIn(channel.guild, channelId, this.client.user?.id);
  }

  /** The voice channel the bot sits in, per the gateway's cache. */
  botChannel(guildId: string): string | null {
    return this.client.guilds.cache.get(guildId)?.members.me?.voice.channelId ?? null;
  }

  /** Starts watching a guild (when playback joins) and returns its current listeners. */
  track(guildId: string, channelId: string): string[] {
    const listeners = this.listeners(guildId, channelId);
    this.known.set(guildId, { channelId, listeners });
    return listeners;
  }

  forget(guildId: string): void {
    this.known.delete(guildId);
  }

  private onVoiceState(before: VoiceState, after: VoiceState): void {
    const guildId = after.guild.id;
    const previous = this.known.get(guildId);
    if (!previous) return;
    const botId = this.client.user?.id;
    const channelId = after.id === botId ? after.channelId : previous.channelId;
    // Only changes touching the bot's channel matter.
    if (after.id !== botId && before.channelId !== channelId && after.channelId !== channelId) return;
    const listeners = this.listeners(guildId, channelId);
    if (channelId === previous.channelId && sameMembers(listeners, previous.listeners)) return;
    this.known.set(guildId, { channelId, listeners });
    const event: ListenersChangedEvent = {
      guildId,
      channelId,
      listeners,
      joined: listeners.filter((id) => !previous.listeners.includes(id)),
      left: previous.listeners.filter((id) => !listeners.includes(id)),
      at: new Date(),
    };
    this.events.emit(DomainEvent.ListenersChanged, event);
  }
}

/**
 * Who counts as a listener, everywhere in the bot: a human in the voice channel who can hear (not a
 * bot, not deafened by themselves or the server). Sorted by id.
 */
export function listenersIn(guild: Guild, channelId: string, botId?: string): string[] {
  return [...guild.voiceStates.cache.values()]
    .filter((state) => state.channelId === channelId && state.id !== botId && !state.member?.user.bot && !state.deaf)
    .map((state) => state.id)
    .sort();
}

function sameMembers(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
