import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIGuildMember,
  type APIInteractionDataResolved,
  type APIMessage,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  type InteractionType,
  Locale,
} from 'discord.js';
import { type FakeGuildChannel, type FakeGuildDefinition } from '../factories';
import { computePermissions, findMember, interactionMember } from './payloads';

export type OptionValue = string | number | boolean;

/** An option value; the type comes from the registered command, or is given, or guessed from the value. */
export type OptionInput = OptionValue | { type: ApplicationCommandOptionType; value: OptionValue };

interface InteractionTarget {
  guildId: string;
  channelId: string;
  userId: string;
  /** The user's client locale; `en-US` by default. */
  locale?: Locale;
}

export interface SlashCommandInput extends InteractionTarget {
  name: string;
  options?: Record<string, OptionInput>;
  subcommand?: string;
  subcommandGroup?: string;
}

export interface ButtonInput extends InteractionTarget {
  customId: string;
  /** The message carrying the button (it must be in the fake's message store). */
  messageId: string;
}

export interface AutocompleteInput extends InteractionTarget {
  name: string;
  focused: { name: string; value: string };
  options?: Record<string, OptionInput>;
  subcommand?: string;
  subcommandGroup?: string;
}

/** An option as Discord sends it in `data.options` (leaf, or a subcommand/group wrapping leaves). */
interface DataOption {
  name: string;
  type: ApplicationCommandOptionType;
  value?: OptionValue;
  focused?: boolean;
  options?: DataOption[];
}

export interface InteractionContext {
  id: string;
  token: string;
  applicationId: string;
  botUserId: string;
  guild: FakeGuildDefinition;
  channel: FakeGuildChannel;
  member: APIGuildMember;
  locale: Locale;
}

/** 25 MiB: what Discord reports for a guild without boosts. */
const ATTACHMENT_SIZE_LIMIT = 26_214_400;

/** Fields every guild interaction carries (discord.js reads all of them). */
export function interactionBase(ctx: InteractionContext, type: InteractionType): Record<string, unknown> {
  const { guild, channel } = ctx;
  const memberPermissions = computePermissions(guild, ctx.member.user.id, channel).toString();
  const appPermissions = computePermissions(guild, ctx.botUserId, channel).toString();
  return {
    id: ctx.id,
    application_id: ctx.applicationId,
    type,
    token: ctx.token,
    version: 1,
    guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
    guild_id: guild.id,
    channel_id: channel.id,
    channel: { ...structuredClone(channel), permissions: memberPermissions },
    member: interactionMember(guild, ctx.member, channel),
    app_permissions: appPermissions,
    locale: ctx.locale,
    guild_locale: guild.preferredLocale,
    entitlements: [],
    // A guild-installed app: the key is ApplicationIntegrationType.GuildInstall, the value the guild.
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
}

/** The command data of a slash command or autocomplete interaction, typed against the registered command. */
export function commandData(
  ctx: InteractionContext,
  command: APIApplicationCommand | undefined,
  commandId: string,
  input: {
    name: string;
    options?: Record<string, OptionInput>;
    subcommand?: string;
    subcommandGroup?: string;
    focused?: { name: string; value: string };
  },
): Record<string, unknown> {
  let definitions = command?.options ?? [];
  const group = input.subcommandGroup ? findDefinition(definitions, input.subcommandGroup) : undefined;
  if (input.subcommandGroup) definitions = optionsOf(group);
  const sub = input.subcommand ? findDefinition(definitions, input.subcommand) : undefined;
  if (input.subcommand) definitions = optionsOf(sub);

  const resolved: APIInteractionDataResolved = {};
  const leaves: DataOption[] = Object.entries(input.options ?? {}).map(([name, value]) =>
    leafOption(ctx, name, value, findDefinition(definitions, name), resolved),
  );
  if (input.focused) {
    const definition = findDefinition(definitions, input.focused.name);
    leaves.push({
      name: input.focused.name,
      type: focusableType(definition?.type),
      value: input.focused.value,
      focused: true,
    });
  }

  let options: DataOption[] = leaves;
  if (input.subcommand) {
    options = [{ name: input.subcommand, type: ApplicationCommandOptionType.Subcommand, options: leaves }];
  }
  if (input.subcommandGroup) {
    options = [{ name: input.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options }];
  }
  const data: Record<string, unknown> = {
    id: commandId,
    name: input.name,
    type: ApplicationCommandType.ChatInput,
    options,
  };
  if (command?.guild_id) data.guild_id = command.guild_id;
  if (Object.keys(resolved).length > 0) data.resolved = resolved;
  return data;
}

export function buttonData(customId: string): Record<string, unknown> {
  return { custom_id: customId, component_type: ComponentType.Button };
}

/** A message as it rides along in a component interaction. */
export function componentMessage(message: APIMessage): APIMessage {
  return structuredClone(message);
}

function findDefinition(
  definitions: APIApplicationCommandOption[],
  name: string,
): APIApplicationCommandOption | undefined {
  return definitions.find((d) => d.name === name);
}

function optionsOf(definition: APIApplicationCommandOption | undefined): APIApplicationCommandOption[] {
  if (!definition || !('options' in definition) || !Array.isArray(definition.options)) return [];
  return definition.options;
}

function focusableType(type: ApplicationCommandOptionType | undefined): ApplicationCommandOptionType {
  return type === ApplicationCommandOptionType.Integer || type === ApplicationCommandOptionType.Number
    ? type
    : ApplicationCommandOptionType.String;
}

function guessType(value: OptionValue): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number') {
    return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  }
  return ApplicationCommandOptionType.String;
}

function leafOption(
  ctx: InteractionContext,
  name: string,
  input: OptionInput,
  definition: APIApplicationCommandOption | undefined,
  resolved: APIInteractionDataResolved,
): DataOption {
  const explicit = typeof input === 'object' ? input : undefined;
  const value = explicit ? explicit.value : (input as OptionValue);
  const type = explicit?.type ?? definition?.type ?? guessType(value);
  if (typeof value === 'string') addResolved(ctx, type, value, resolved);
  return { name, type, value };
}

/** Discord puts the objects behind user, channel, role and mentionable options into `data.resolved`. */
function addResolved(
  ctx: InteractionContext,
  type: ApplicationCommandOptionType,
  id: string,
  resolved: APIInteractionDataResolved,
): void {
  const { guild } = ctx;
  const addUser = (): boolean => {
    const member = findMember(guild, id);
    if (!member) return false;
    resolved.users = { ...resolved.users, [id]: structuredClone(member.user) };
    const { user: _user, ...rest } = interactionMember(guild, member, ctx.channel);
    resolved.members = { ...resolved.members, [id]: rest };
    return true;
  };
  const addRole = (): boolean => {
    const role = guild.roles.find((r) => r.id === id);
    if (!role) return false;
    resolved.roles = { ...resolved.roles, [id]: structuredClone(role) };
    return true;
  };
  switch (type) {
    case ApplicationCommandOptionType.User:
      if (!addUser()) throw new Error(`FakeDiscord: user ${id} is not a member of guild ${guild.id}`);
      return;
    case ApplicationCommandOptionType.Role:
      if (!addRole()) throw new Error(`FakeDiscord: role ${id} is not in guild ${guild.id}`);
      return;
    case ApplicationCommandOptionType.Mentionable:
      if (!addUser() && !addRole()) throw new Error(`FakeDiscord: ${id} is neither a member nor a role`);
      return;
    case ApplicationCommandOptionType.Channel: {
      const channel = guild.channels.find((c) => c.id === id);
      if (!channel) throw new Error(`FakeDiscord: channel ${id} is not in guild ${guild.id}`);
      resolved.channels = {
        ...resolved.channels,
        [id]: {
          id: channel.id,
          name: channel.name,
          type: channel.type,
          permissions: computePermissions(guild, ctx.member.user.id, channel).toString(),
        },
      };
      return;
    }
    case ApplicationCommandOptionType.Subcommand:
    case ApplicationCommandOptionType.SubcommandGroup:
    case ApplicationCommandOptionType.String:
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Boolean:
    case ApplicationCommandOptionType.Number:
    case ApplicationCommandOptionType.Attachment:
      return;
  }
}

export const DEFAULT_LOCALE = Locale.EnglishUS;
