import { Controller, Delete, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { ForgetUserResultDto, UserProfileDto } from '@accord/contracts';
import { ApiErrorResponseDto } from '../dto/api-error.dto';
import { ForgetUserResultResponseDto, UserProfileResponseDto } from '../dto/users.dto';
import { OwnerApi } from '../http/admin-api.decorators';
import { AdminUsersService } from './admin-users.service';

@ApiTags('users')
@Controller('users/:userId')
@OwnerApi()
@ApiParam({ name: 'userId', description: 'Discord user id', example: '123456789012345678' })
@ApiBadRequestResponse({ type: ApiErrorResponseDto, description: 'INVALID_USER_ID' })
export class UsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get()
  @ApiOperation({ summary: "A user's taste profile, as /profile shows it (owners)" })
  @ApiOkResponse({ type: UserProfileResponseDto })
  profile(@Param('userId') userId: string): Promise<UserProfileDto> {
    return this.users.profile(userId);
  }

  @Delete()
  @ApiOperation({
    summary: 'Forget a user, as /forget-me does: profile, feedback, links, and their id in plays (owners)',
  })
  @ApiOkResponse({ type: ForgetUserResultResponseDto })
  forget(@Param('userId') userId: string): Promise<ForgetUserResultDto> {
    return this.users.forget(userId);
  }
}
