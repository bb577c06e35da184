import { Controller, Get, Param } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GuildLyricsDto } from '@accord/contracts';
import { LyricsService } from '../../../domain/lyrics/lyrics.service';
import type { LyricsLookup } from '../../../domain/lyrics/lyrics.types';
import { ApiErrorResponseDto } from '../dto/api-error.dto';
import { GuildLyricsResponseDto } from '../dto/lyrics.dto';
import { GuildApi } from '../http/admin-api.decorators';

const SOURCE_NAME = { lrclib: 'LRCLIB' } as const;

/** The lyrics of the song playing, for the panel's lyrics card. */
@ApiTags('player')
@Controller('guilds/:guildId')
@GuildApi()
export class LyricsController {
  constructor(private readonly lyrics: LyricsService) {}

  @Get('lyrics')
  @ApiOperation({
    summary: 'The lyrics of the song playing: synced lines with their times, or plain text (found: false when none)',
    description:
      'Looked up on LRCLIB by the catalog artist, title and duration and cached; LRCLIB failing or slow answers ' +
      'found: false within a few seconds. 409 NOTHING_PLAYING when no song plays.',
  })
  @ApiOkResponse({ type: GuildLyricsResponseDto })
  @ApiConflictResponse({ type: ApiErrorResponseDto, description: 'No song plays here (NOTHING_PLAYING)' })
  async current(@Param('guildId') guildId: string): Promise<GuildLyricsDto> {
    return toDto(await this.lyrics.forCurrentSong(guildId));
  }
}

function toDto({ entryId, song, lyrics }: LyricsLookup & { entryId: string }): GuildLyricsDto {
  return {
    entryId,
    found: lyrics !== null,
    artist: lyrics?.artist ?? song.artist,
    title: lyrics?.title ?? song.title,
    source: lyrics ? SOURCE_NAME[lyrics.source] : null,
    instrumental: lyrics?.instrumental ?? false,
    synced: lyrics?.synced ?? null,
    plain: lyrics?.plain ?? null,
  };
}
