import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GuildSettingsDto } from '@accord/contracts';
import { NeedsGuildAccess } from '../access/guild-access.guard';
import { GuildSettingsResponseDto, UpdateGuildSettingsDto } from '../dto/guild.dto';
import { GuildApi } from '../http/admin-api.decorators';
import { AdminSettingsService } from './admin-settings.service';

@ApiTags('settings')
@Controller('guilds/:guildId/settings')
@GuildApi()
export class SettingsController {
  constructor(private readonly settings: AdminSettingsService) {}

  @Get()
  @ApiOperation({ summary: "The guild's settings" })
  @ApiOkResponse({ type: GuildSettingsResponseDto })
  get(@Param('guildId') guildId: string): Promise<GuildSettingsDto> {
    return this.settings.get(guildId);
  }

  @Patch()
  @NeedsGuildAccess('manage')
  @ApiOperation({ summary: 'Change some settings (Manage Server; 403 MANAGE_REQUIRED for DJs)' })
  @ApiOkResponse({ type: GuildSettingsResponseDto, description: 'The settings after the change' })
  update(@Param('guildId') guildId: string, @Body() body: UpdateGuildSettingsDto): Promise<GuildSettingsDto> {
    return this.settings.update(guildId, body);
  }
}
