import { Inject, Injectable } from '@nestjs/common';
import { languageOf, matchLanguage, type Language } from '@accord/i18n';
import type { Client, Interaction } from 'discord.js';
import { DISCORD_CLIENT } from '../../../adapters/discord-client/discord-client.provider';
import { GuildSettingsService } from '../../../domain/guilds/guild-settings.service';

/**
 * Which language Accord speaks. A reply to someone: their Discord language when Accord speaks it,
 * else their server's. A message for the whole channel (now playing, notices): the server's. A
 * server's language is its `language` setting, else Discord's community language of the server when
 * Accord speaks it, else English.
 */
@Injectable()
export class InteractionLanguageService {
  constructor(
    private readonly settings: GuildSettingsService,
    @Inject(DISCORD_CLIENT) private readonly client: Client,
  ) {}

  /** The language of a reply to `interaction`, resolved once and handed to its handler. */
  async forInteraction(interaction: Interaction): Promise<Language> {
    const own = matchLanguage(interaction.locale);
    if (own) return own;
    if (!interaction.guildId) return 'en';
    return this.guildLanguage(interaction.guildId, interaction.guildLocale);
  }

  /** The language of what Accord posts for everyone in a server's channels. */
  forGuild(guildId: string): Promise<Language> {
    return this.guildLanguage(guildId, this.client.guilds.cache.get(guildId)?.preferredLocale);
  }

  private async guildLanguage(guildId: string, preferredLocale: string | null | undefined): Promise<Language> {
    // The settings are cached; should the database be away, the words still go out, in the default.
    const setting = await this.settings.get(guildId).then(
      (settings) => settings.language,
      () => null,
    );
    return setting ?? languageOf(preferredLocale);
  }
}
