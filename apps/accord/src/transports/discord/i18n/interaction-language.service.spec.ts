import type { Client, Interaction } from 'discord.js';
import type { Language } from '@accord/i18n';
import type { GuildSettingsService } from '../../../domain/guilds/guild-settings.service';
import { InteractionLanguageService } from './interaction-language.service';

describe(InteractionLanguageService.name, () => {
  const service = (
    setting: Language | null | Error,
    preferredLocale = 'en-US',
  ): { sut: InteractionLanguageService; reads: jest.Mock } => {
    const reads = jest.fn(() =>
      setting instanceof Error ? Promise.reject(setting) : Promise.resolve({ language: setting }),
    );
    const client = { guilds: { cache: new Map([['guild-1', { preferredLocale }]]) } };
    return {
      sut: new InteractionLanguageService(
        { get: reads } as unknown as GuildSettingsService,
        client as unknown as Client,
      ),
      reads,
    };
  };
  const interaction = (locale: string, guildLocale: string | null = 'en-US', guildId: string | null = 'guild-1') =>
    ({ locale, guildLocale, guildId }) as unknown as Interaction;

  it.each<[string, string, Language | null, string, Language]>([
    ["the user's own language", 'de', 'en', 'en-US', 'de'],
    ['English for an English client, whatever the server says', 'en-GB', 'de', 'de', 'en'],
    ["the server's setting for a language Accord does not speak", 'ko', 'de', 'en-US', 'de'],
    ["the server's Discord language without a setting", 'ko', null, 'de', 'de'],
    ['English when neither is spoken', 'ko', null, 'ko', 'en'],
  ])('answers in %s', async (_, locale, setting, guildLocale, expected) => {
    const { sut } = service(setting);
    await expect(sut.forInteraction(interaction(locale, guildLocale))).resolves.toBe(expected);
  });

  it('reads no settings for a user whose language it speaks', async () => {
    const { sut, reads } = service('de');
    await sut.forInteraction(interaction('de'));
    expect(reads).not.toHaveBeenCalled();
  });

  it('answers outside a server in English', async () => {
    const { sut } = service('de');
    await expect(sut.forInteraction(interaction('ko', null, null))).resolves.toBe('en');
  });

  it("posts for everyone in the server's setting, else its Discord language", async () => {
    await expect(service('de', 'en-US').sut.forGuild('guild-1')).resolves.toBe('de');
    await expect(service(null, 'de').sut.forGuild('guild-1')).resolves.toBe('de');
    // Korean is not (yet) spoken: English.
    await expect(service(null, 'ko').sut.forGuild('guild-1')).resolves.toBe('en');
  });

  it('still answers when the settings cannot be read', async () => {
    await expect(service(new Error('database away'), 'de').sut.forGuild('guild-1')).resolves.toBe('de');
  });
});
