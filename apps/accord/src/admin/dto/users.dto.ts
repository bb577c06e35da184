import { ApiProperty } from '@nestjs/swagger';
import type { ForgetUserResultDto, TasteEntryDto, UserProfileDto } from '@accord/contracts';

class TasteEntryResponseDto implements TasteEntryDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: "Today's weight" })
  weight!: number;
}

export class UserProfileResponseDto implements UserProfileDto {
  @ApiProperty()
  userId!: string;

  @ApiProperty()
  optedOut!: boolean;

  @ApiProperty({ description: 'False when nothing is stored for the user' })
  exists!: boolean;

  @ApiProperty({ type: [TasteEntryResponseDto] })
  topArtists!: TasteEntryResponseDto[];

  @ApiProperty({ type: [TasteEntryResponseDto] })
  topTags!: TasteEntryResponseDto[];

  @ApiProperty()
  playCount!: number;

  @ApiProperty()
  likes!: number;

  @ApiProperty()
  dislikes!: number;

  @ApiProperty()
  discoveriesLiked!: number;
}

export class ForgetUserResultResponseDto implements ForgetUserResultDto {
  @ApiProperty()
  userId!: string;

  @ApiProperty({ description: 'Plays the user was taken out of (kept as anonymous guild history)' })
  plays!: number;

  @ApiProperty()
  feedback!: number;

  @ApiProperty()
  profile!: boolean;
}
