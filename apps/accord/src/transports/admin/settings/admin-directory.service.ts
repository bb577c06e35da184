import { Injectable } from '@nestjs/common';
import type { GuildChannelDto, GuildRoleDto } from '@accord/contracts';
import { AdminError, AdminErrorCode } from '@accord/core';
import { GuildDirectory } from '../../../adapters/discord-client/guild-directory.adapter';

/** The guild's roles and channels for the panel's pickers, from the bot's cache. */
@Injectable()
export class AdminDirectoryService {
  constructor(private readonly directory: GuildDirectory) {}

  roles(guildId: string): GuildRoleDto[] {
    return this.directory.roles(guildId) ?? notFound();
  }

  channels(guildId: string): GuildChannelDto[] {
    return this.directory.textChannels(guildId) ?? notFound();
  }
}

/** The access guard has already found the guild; it can only have gone in between. */
function notFound(): never {
  throw new AdminError(AdminErrorCode.GuildNotFound, 'The bot is not in this server.');
}
