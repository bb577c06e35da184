import {
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from 'discord.js';

/** What presenters return: plain Discord API data, accepted by reply, editReply, send and edit alike. */
export interface MessageView {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

export const ACCORD_COLOR = 0x5865f2;

export function button(
  customId: string,
  label: string,
  options: { emoji?: string; style?: APIButtonComponentWithCustomId['style']; disabled?: boolean } = {},
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label,
    style: options.style ?? ButtonStyle.Secondary,
    ...(options.emoji ? { emoji: { name: options.emoji } } : {}),
    ...(options.disabled ? { disabled: true } : {}),
  };
}

export function row(
  ...buttons: APIButtonComponentWithCustomId[]
): APIActionRowComponent<APIComponentInMessageActionRow> {
  return { type: ComponentType.ActionRow, components: buttons };
}

/** Markdown-safe and at most `max` characters (titles can be long and full of `*` and `_`). */
export function clip(text: string, max: number): string {
  const short = text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
  return escapeMarkdown(short);
}

export const mention = (userId: string): string => `<@${userId}>`;
