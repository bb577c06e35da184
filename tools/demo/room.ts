import type { APIEmbed, APIUser } from 'discord.js';
import type { FakeDiscord, RecordedMessageBody } from '@accord/testkit/discord';
import { answerOf } from '../../apps/accord/test/support/interaction-answer';
import type { NowPlaying } from './lavalink';
import type { DemoListener } from './world';

/** How long the demo waits for the bot to answer a listener's command (it may be busy starting a song). */
export const ANSWER_TIMEOUT_MS = 20_000;

export interface RoomMember {
  listener: DemoListener;
  user: APIUser;
}

export interface RoomOptions {
  discord: FakeDiscord;
  /** The song playing in the guild now. */
  playing: () => NowPlaying | null;
  guildId: string;
  voiceChannelId: string;
  textChannelId: string;
  members: RoomMember[];
  /** One line per event. */
  log: (line: string) => void;
  /** Seeded, so two runs of the demo tell the same story. */
  random: () => number;
}

/**
 * The simulated listeners of the demo server. Everything they do goes through the fake Discord as
 * a member would do it (voice joins and leaves, slash commands); the bot learns their tastes the way
 * it learns anyone's, from what they play and like.
 */
export class DemoRoom {
  private readonly inVoice = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private watcher: NodeJS.Timeout | null = null;
  private lastPlaying = '';
  private stopped = false;

  constructor(private readonly options: RoomOptions) {}

  /**
   * Teaches the bot each listener's taste: they all join the voice channel and queue their
   * favourite songs; as each song plays, whoever asked for it /likes it and /seeks to its end.
   */
  async warmUp(): Promise<void> {
    const { playing, guildId } = this.options;
    for (const member of this.options.members) this.join(member, { quiet: true });
    for (const member of this.options.members) {
      for (const [artist, title] of member.listener.favourites) {
        await this.command(member, 'play', { query: `${artist} - ${title}` });
      }
    }
    for (const member of this.options.members) {
      // Only the member whose songs play listens to them: the others are deafened meanwhile, and
      // the deafened do not count as listeners, so the plays teach only this member's taste.
      // (Undeafened first: with nobody listening for a moment the bot would pause.)
      this.options.discord.setDeaf(guildId, member.user.id, { selfDeaf: false });
      for (const other of this.options.members) {
        if (other !== member) this.options.discord.setDeaf(guildId, other.user.id, { selfDeaf: true });
      }
      for (const [, title] of member.listener.favourites) {
        await waitFor(
          () => playing()?.title === title,
          30_000,
          () => `${title} to play (playing: ${playing()?.title ?? 'nothing'})`,
        );
        await this.command(member, 'like');
        const lengthS = Math.floor((playing()?.lengthMs ?? 0) / 1000);
        await this.command(member, 'seek', { time: String(Math.max(0, lengthS - 2)) });
        await waitFor(
          () => playing()?.title !== title,
          30_000,
          () => `${title} to end`,
        );
      }
      this.options.log(
        `${member.listener.name} (${member.listener.taste}) played and liked ${member.listener.favourites.length} songs`,
      );
    }
  }

  /** The room's evening starts: some leave, and the host turns autoplay on and plays a song. */
  async open(host: RoomMember, staying: string[], song: string): Promise<void> {
    for (const member of this.options.members) {
      this.options.discord.setDeaf(this.options.guildId, member.user.id, { selfDeaf: false });
      if (!staying.includes(member.listener.name)) this.leave(member);
    }
    await this.command(host, 'play', { query: song }, `played ${song}`);
    await this.command(host, 'autoplay', { mode: 'on' }, 'turned autoplay on');
  }

  /** Someone does something every `everyMs` (give or take half of it) until `stop`. */
  live(everyMs: number): void {
    this.watcher = setInterval(() => this.notePlaying(), 1_000);
    const next = (): void => {
      if (this.stopped) return;
      this.timer = setTimeout(
        () => {
          void this.act()
            .catch((error: unknown) => this.options.log(`(a listener's action failed: ${String(error)})`))
            .finally(next);
        },
        everyMs * (0.5 + this.options.random()),
      );
    };
    next();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.watcher) clearInterval(this.watcher);
  }

  private async act(): Promise<void> {
    const { members, random } = this.options;
    const present = members.filter((member) => this.inVoice.has(member.user.id));
    const away = members.filter((member) => !this.inVoice.has(member.user.id));
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
    const roll = random();
    if (roll < 0.2 && away.length > 0) return this.join(pick(away));
    if (roll < 0.35 && present.length > 2) return this.leave(pick(present));
    if (present.length === 0) return;
    if (roll < 0.75) return void (await this.command(pick(present), 'like', {}, 'liked'));
    await this.command(pick(present), 'skip', {}, 'asked to skip');
  }

  private join(member: RoomMember, options: { quiet?: boolean } = {}): void {
    this.options.discord.joinVoice(this.options.guildId, member.user.id, this.options.voiceChannelId);
    this.inVoice.add(member.user.id);
    if (!options.quiet) this.options.log(`${member.listener.name} (${member.listener.taste}) joined the voice channel`);
  }

  private leave(member: RoomMember, options: { quiet?: boolean } = {}): void {
    this.options.discord.leaveVoice(this.options.guildId, member.user.id);
    this.inVoice.delete(member.user.id);
    if (!options.quiet) this.options.log(`${member.listener.name} left the voice channel`);
  }

  /** Sends a slash command as the member and waits for the bot's answer; logs it when `said` is given. */
  private async command(
    member: RoomMember,
    name: string,
    options: Record<string, string> = {},
    said?: string,
  ): Promise<string> {
    const { discord, guildId, textChannelId } = this.options;
    const handle = discord.slashCommand({ guildId, channelId: textChannelId, userId: member.user.id, name, options });
    const answer = this.named(summary(await answerOf(discord, handle, ANSWER_TIMEOUT_MS)));
    if (said) this.options.log(`${member.listener.name} ${said}: ${answer}`);
    return answer;
  }

  /** The text with each member's mention replaced by their name. */
  private named(text: string): string {
    return text.replace(/<@!?(\d+)>/g, (mention, id: string) => {
      return this.options.members.find((other) => other.user.id === id)?.listener.name ?? mention;
    });
  }

  private notePlaying(): void {
    const embed = nowPlayingEmbed(this.options.discord, this.options.textChannelId);
    if (!embed) return;
    const requested = (embed.description ?? '').split('\n').find((line) => line.startsWith('Requested by'));
    const line = this.named(`▶ ${embed.title ?? ''} (${requested ?? ''})`);
    if (line !== this.lastPlaying) {
      this.lastPlaying = line;
      this.options.log(line);
    }
  }
}

/** The bot's now-playing message in the channel as it reads now (edits applied), while a song plays. */
export function nowPlayingEmbed(discord: FakeDiscord, channelId: string): APIEmbed | undefined {
  const messages = discord.messages(channelId);
  for (let index = messages.length - 1; index >= 0; index--) {
    const embed = messages[index].embeds?.[0];
    if (embed?.author?.name === '▶️ Now playing' || embed?.author?.name === '⏸ Paused') return embed;
    if (embed?.author?.name === 'Nothing is playing') return undefined;
  }
  return undefined;
}

/** One line of an answer: its text, else its first embed's title or description. */
export function summary(body: RecordedMessageBody): string {
  const { content, embeds } = body as { content?: string; embeds?: APIEmbed[] };
  const embed = embeds?.[0];
  const text = content || embed?.title || embed?.description || embed?.author?.name || '';
  return text.split('\n')[0].slice(0, 160);
}

async function waitFor(probe: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
