import { ApiProperty } from '@nestjs/swagger';
import type { GuildLyricsDto, LyricsLineDto } from '@accord/contracts';

export class LyricsLineResponseDto implements LyricsLineDto {
  @ApiProperty({ description: 'When the line is sung, in ms from the start of the song' })
  timeMs!: number;

  @ApiProperty({ description: "The line's words ('' for a pause)" })
  text!: string;
}

export class GuildLyricsResponseDto implements GuildLyricsDto {
  @ApiProperty({ description: 'The queue entry playing, which these lyrics are for' })
  entryId!: string;

  @ApiProperty({ description: 'false: the source has no lyrics for this song (a normal answer)' })
  found!: boolean;

  @ApiProperty()
  artist!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: String, nullable: true, example: 'LRCLIB', description: 'Where the lyrics come from' })
  source!: string | null;

  @ApiProperty()
  instrumental!: boolean;

  @ApiProperty({ type: [LyricsLineResponseDto], nullable: true, description: 'Synced lines, when the source has them' })
  synced!: LyricsLineDto[] | null;

  @ApiProperty({ type: String, nullable: true })
  plain!: string | null;
}
