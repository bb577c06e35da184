import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { AuthOptionsDto, LoginMethod, PasswordLoginRequest, SessionUserDto } from '@accord/contracts';

export class PasswordLoginDto implements PasswordLoginRequest {
  @ApiProperty({ description: 'The owner password (ADMIN_PASSWORD)', minLength: 1, maxLength: 256 })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

/** The link `/panel` sent: its one-time token. */
export class SignInLinkQueryDto {
  @ApiPropertyOptional({ description: 'The one-time token from the link (43 characters)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  token?: string;
}

/** What Discord appends to the redirect. */
export class DiscordCallbackQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(512)
  code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(512)
  state?: string;

  @ApiPropertyOptional({ description: 'Set by Discord when the user cancelled (access_denied)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  error?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  error_description?: string;
}

export class AuthOptionsResponseDto implements AuthOptionsDto {
  @ApiProperty({ description: '"Log in with Discord" is available' })
  discord!: boolean;

  @ApiProperty({ description: 'The owner password login is available' })
  password!: boolean;
}

export class SessionUserResponseDto implements SessionUserDto {
  @ApiProperty({ example: '123456789012345678' })
  id!: string;

  @ApiProperty()
  username!: string;

  @ApiProperty({ type: String, nullable: true })
  avatarUrl!: string | null;

  @ApiProperty({ description: 'Bot owners see every guild, the logs and the nodes' })
  owner!: boolean;

  @ApiProperty({ enum: ['discord', 'password'] })
  method!: LoginMethod;

  @ApiProperty({ description: 'Send as the X-CSRF-Token header on POST, PUT, PATCH and DELETE' })
  csrfToken!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}
