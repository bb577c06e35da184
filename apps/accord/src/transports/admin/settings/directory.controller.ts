import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GuildChannelDto, GuildRoleDto } from '@accord/contracts';
import { NeedsGuildAccess } from '../access/guild-access.guard';
import { GuildChannelResponseDto, GuildRoleResponseDto } from '../dto/guild-directory.dto';
import { GuildApi } from '../http/admin-api.decorators';
import { AdminDirectoryService } from './admin-directory.service';

/** What the settings' pickers choose from: the guild's roles and the channels the bot can post in. */
@ApiTags('settings')
@Controller('guilds/:guildId')
@GuildApi()
@NeedsGuildAccess('manage')
export class DirectoryController {
  constructor(private readonly directory: AdminDirectoryService) {}

  @Get('roles')
  @ApiOperation({
    summary: 'Roles the DJ role may be set to, highest first (Manage Server; no @everyone or bot roles)',
  })
  @ApiOkResponse({ type: [GuildRoleResponseDto] })
  roles(@Param('guildId') guildId: string): GuildRoleDto[] {
    return this.directory.roles(guildId);
  }

  @Get('channels')
  @ApiOperation({
    summary: 'Text and announcement channels the bot can post in, in Discord order with their category (Manage Server)',
  })
  @ApiOkResponse({ type: [GuildChannelResponseDto] })
  channels(@Param('guildId') guildId: string): GuildChannelDto[] {
    return this.directory.channels(guildId);
  }
}
