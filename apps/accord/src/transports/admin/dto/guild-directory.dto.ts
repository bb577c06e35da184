import { ApiProperty } from '@nestjs/swagger';
import type { GuildChannelDto, GuildRoleDto } from '@accord/contracts';

export class GuildRoleResponseDto implements GuildRoleDto {
  @ApiProperty({ example: '123456789012345678' })
  id!: string;

  @ApiProperty({ example: 'DJ' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: '#e91e63', description: 'null: the role has no colour' })
  color!: string | null;

  @ApiProperty({ description: "Discord's order: higher is listed first" })
  position!: number;
}

export class GuildChannelResponseDto implements GuildChannelDto {
  @ApiProperty({ example: '123456789012345678' })
  id!: string;

  @ApiProperty({ example: 'now-playing' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Music', description: 'null: outside any category' })
  category!: string | null;

  @ApiProperty({ description: 'The order within the category' })
  position!: number;
}
