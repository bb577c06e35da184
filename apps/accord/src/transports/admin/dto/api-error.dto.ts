import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApiErrorDto } from '@accord/contracts';

export class ApiErrorResponseDto implements ApiErrorDto {
  @ApiProperty({ example: 403 })
  statusCode!: number;

  @ApiProperty({ example: 'Forbidden' })
  error!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'You do not manage this server.',
  })
  message!: string | string[];

  @ApiPropertyOptional({ description: 'Stable machine-readable reason', example: 'GUILD_NOT_MANAGED' })
  code?: string;

  @ApiPropertyOptional({
    description: 'Per-field messages (400 on bad input)',
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { volume: ['volume must not be greater than 150'] },
  })
  fields?: Record<string, string[]>;
}
