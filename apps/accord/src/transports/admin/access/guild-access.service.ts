import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscordAPIError, PermissionFlagsBits, type Client, type Guild } from 'discord.js';
import type { GuildAccessLevel } from '@accord/contracts';
import { DISCORD_CLIENT } from '../../../adapters/discord-client/discord-client.provider';
import { GuildSettingsService } from '../../../domain/guilds/guild-settings.service';
import { AdminError, AdminErrorCode } from '@accord/core';
import type { AdminSession } from '../auth/admin-session.types';

const MEMBER_CACHE_MS = 60_000;
const MEMBER_CACHE_MAX = 5_000;
const UNKNOWN_MEMBER = 10007;
const SNOWFLAKE = /^\d{17,20}$/;

interface MemberFacts {
  manage: boolean;
  roleIds: string[];
}

/**
 * Who may manage which guild from the panel. Owners: every guild the bot is in. Others: the guilds
 * of their Discord login that the bot is also in, where the member has Manage Server (which
 * administrators and the guild owner have) or the guild's DJ role. Permissions and roles are read
 * from the bot's view of the member (fetched, kept a minute), so a role taken away in Discord
 * takes effect within a minute rather than at the next sign-in.
 */
@Injectable()
export class GuildAccessService {
  private readonly logger = new Logger(GuildAccessService.name);
  private readonly members = new Map<string, { facts: MemberFacts | null; until: number }>();

  constructor(
    @Inject(DISCORD_CLIENT) private readonly client: Client,
    private readonly settings: GuildSettingsService,
  ) {}

  /** The guilds the session may open, with the level of access to each. */
  async accessibleGuilds(session: AdminSession): Promise<Array<{ guild: Guild; level: GuildAccessLevel }>> {
    const candidates = session.owner
      ? [...this.client.guilds.cache.values()]
      : session.guilds.flatMap(({ id }) => this.client.guilds.cache.get(id) ?? []);
    const levels = await Promise.all(candidates.map((guild) => this.levelIn(session, guild)));
    return candidates
      .map((guild, index) => ({ guild, level: levels[index] }))
      .filter((entry): entry is { guild: Guild; level: GuildAccessLevel } => entry.level !== null)
      .sort((a, b) => a.guild.name.localeCompare(b.guild.name));
  }

  /**
   * The guild, when the session has at least `needed` access to it. Refuses with 403 for a guild
   * the user does not manage whether or not the bot is in it, so nothing leaks about other guilds;
   * owners (who may see all) get 404 for a guild the bot is not in.
   */
  async require(session: AdminSession, guildId: string, needed: GuildAccessLevel): Promise<Guild> {
    if (!SNOWFLAKE.test(guildId)) {
      throw new AdminError(AdminErrorCode.InvalidGuildId, 'guildId must be a Discord id (17-20 digits).', 'guildId');
    }
    const guild = this.client.guilds.cache.get(guildId);
    if (session.owner) {
      if (!guild) throw new AdminError(AdminErrorCode.GuildNotFound, 'The bot is not in this server.');
      return guild;
    }
    const level = guild && session.guilds.some(({ id }) => id === guildId) ? await this.levelIn(session, guild) : null;
    if (!level) throw new AdminError(AdminErrorCode.GuildNotManaged, 'You do not manage this server.');
    if (needed === 'manage' && level !== 'manage') {
      throw new AdminError(AdminErrorCode.ManageRequired, 'Changing settings needs Manage Server on this server.');
    }
    return guild!;
  }

  private async levelIn(session: AdminSession, guild: Guild): Promise<GuildAccessLevel | null> {
    if (session.owner) return 'manage';
    const facts = await this.memberFacts(guild, session.userId);
    if (!facts) return null;
    if (facts.manage) return 'manage';
    const { djRoleId } = await this.settings.get(guild.id);
    return djRoleId && facts.roleIds.includes(djRoleId) ? 'dj' : null;
  }

  private async memberFacts(guild: Guild, userId: string): Promise<MemberFacts | null> {
    const key = `${guild.id}:${userId}`;
    const cached = this.members.get(key);
    if (cached && cached.until > Date.now()) return cached.facts;
    let facts: MemberFacts | null;
    try {
      const member = await guild.members.fetch({ user: userId, force: true });
      facts = {
        manage: member.permissions.has(PermissionFlagsBits.ManageGuild),
        roleIds: [...member.roles.cache.keys()],
      };
    } catch (error) {
      if (!(error instanceof DiscordAPIError && error.code === UNKNOWN_MEMBER)) {
        this.logger.warn(`Could not read member ${userId} of guild ${guild.id}: ${String(error)}`);
        return null; // not cached: try again on the next request
      }
      facts = null;
    }
    if (this.members.size >= MEMBER_CACHE_MAX) this.members.delete(this.members.keys().next().value as string);
    this.members.set(key, { facts, until: Date.now() + MEMBER_CACHE_MS });
    return facts;
  }
}
