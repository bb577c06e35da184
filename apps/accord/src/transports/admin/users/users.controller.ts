import { Controller, Delete, Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { ForgetUserResultDto, UserDataExportDto, UserProfileDto } from '@accord/contracts';
import { ApiErrorResponseDto } from '../dto/api-error.dto';
import { ForgetUserResultResponseDto, UserDataExportResponseDto, UserProfileResponseDto } from '../dto/users.dto';
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

  @Get('export')
  @ApiOperation({
    summary: 'Privacy export: everything stored about a user, as JSON (owners)',
    description:
      'The data DELETE /users/:userId deletes or anonymises: the whole taste profile, linked accounts (never their ' +
      'tokens), feedback, and the plays the user listened to, requested or skipped (other people in them are not ' +
      'named). Feedback and plays list the newest 10,000 each; `total` and `truncated` say when there are more.',
  })
  @ApiOkResponse({ type: UserDataExportResponseDto })
  export(@Param('userId') userId: string): Promise<UserDataExportDto> {
    return this.users.export(userId);
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
