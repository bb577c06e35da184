/** `GET /api/v1/guilds/:guildId/roles`: a role the DJ role may be set to (not @everyone, not a bot's). */
export interface GuildRoleDto {
  id: string;
  name: string;
  /** `#rrggbb`, or null when the role has no colour. */
  color: string | null;
  /** Discord's order: higher is listed first. */
  position: number;
}

/** `GET /api/v1/guilds/:guildId/channels`: a text or announcement channel the bot can post in. */
export interface GuildChannelDto {
  id: string;
  name: string;
  /** The category's name, or null for a channel outside any category. */
  category: string | null;
  /** The order within the category, as Discord shows it. */
  position: number;
}
