/**
 * The DI token of the discord.js client. The Discord client adapter provides it (globally); it sits
 * here because the Lavalink adapter's voice connector needs the same client, and two adapters never
 * import each other.
 */
export const DISCORD_CLIENT = Symbol('DISCORD_CLIENT');
