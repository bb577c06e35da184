import { ApiProperty } from '@nestjs/swagger';
import type {
  ExportedFeedbackDto,
  ExportedImportDto,
  ExportedLastfmAccountDto,
  ExportedListDto,
  ExportedMarkedTrackDto,
  ExportedPlayDto,
  ExportedProfileDto,
  ExportedSpotifyAccountDto,
  ExportedTasteEntryDto,
  ForgetUserResultDto,
  TasteEntryDto,
  UserDataExportDto,
  UserProfileDto,
} from '@accord/contracts';

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

// --- privacy export --------------------------------------------------------------------------

class ExportedTasteEntryResponseDto implements ExportedTasteEntryDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'Weight as of `at` (halves every 90 days from then)' })
  weight!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

class ExportedMarkedTrackResponseDto implements ExportedMarkedTrackDto {
  @ApiProperty({ description: 'Catalog key of the song' })
  trackKey!: string;

  @ApiProperty({ description: '"Artist - Title"' })
  name!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

class ExportedImportResponseDto implements ExportedImportDto {
  @ApiProperty({ enum: ['spotify', 'lastfm', 'playlist'] })
  kind!: 'spotify' | 'lastfm' | 'playlist';

  @ApiProperty({ description: 'What was imported, e.g. "top tracks, saved tracks"' })
  label!: string;

  @ApiProperty()
  tracks!: number;

  @ApiProperty()
  artists!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

class ExportedImportedTasteResponseDto {
  @ApiProperty({ type: [ExportedTasteEntryResponseDto] })
  artists!: ExportedTasteEntryResponseDto[];

  @ApiProperty({ type: [ExportedTasteEntryResponseDto] })
  tags!: ExportedTasteEntryResponseDto[];

  @ApiProperty({ type: [ExportedTasteEntryResponseDto] })
  tracks!: ExportedTasteEntryResponseDto[];

  @ApiProperty({ type: [ExportedImportResponseDto] })
  sources!: ExportedImportResponseDto[];
}

class ExportedProfileResponseDto implements ExportedProfileDto {
  @ApiProperty({ type: String, nullable: true })
  displayName!: string | null;

  @ApiProperty({ description: 'Plays the user was present for' })
  playCount!: number;

  @ApiProperty({ description: 'Likes given to autoplay discoveries' })
  discoveriesLiked!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt!: string | null;

  @ApiProperty({ type: [ExportedTasteEntryResponseDto] })
  artists!: ExportedTasteEntryResponseDto[];

  @ApiProperty({ type: [ExportedTasteEntryResponseDto] })
  tags!: ExportedTasteEntryResponseDto[];

  @ApiProperty({ type: [ExportedTasteEntryResponseDto] })
  tracks!: ExportedTasteEntryResponseDto[];

  @ApiProperty({ type: [ExportedMarkedTrackResponseDto] })
  liked!: ExportedMarkedTrackResponseDto[];

  @ApiProperty({ type: [ExportedMarkedTrackResponseDto] })
  disliked!: ExportedMarkedTrackResponseDto[];

  @ApiProperty({ type: ExportedImportedTasteResponseDto, description: 'What imports brought' })
  imported!: ExportedImportedTasteResponseDto;
}

class ExportedSpotifyAccountResponseDto implements ExportedSpotifyAccountDto {
  @ApiProperty()
  spotifyUserId!: string;

  @ApiProperty({ type: String, nullable: true })
  displayName!: string | null;

  @ApiProperty({ type: [String] })
  scopes!: string[];

  @ApiProperty({ type: [String], description: 'Playlists chosen for import (ids)' })
  playlists!: string[];

  @ApiProperty({ format: 'date-time' })
  linkedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastImportAt!: string | null;
}

class ExportedLastfmAccountResponseDto implements ExportedLastfmAccountDto {
  @ApiProperty()
  username!: string;

  @ApiProperty({ format: 'date-time' })
  linkedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastImportAt!: string | null;
}

class ExportedLinkedAccountsResponseDto {
  @ApiProperty({ type: ExportedSpotifyAccountResponseDto, nullable: true, description: 'Without its tokens' })
  spotify!: ExportedSpotifyAccountResponseDto | null;

  @ApiProperty({ type: ExportedLastfmAccountResponseDto, nullable: true })
  lastfm!: ExportedLastfmAccountResponseDto | null;
}

class ExportedFeedbackResponseDto implements ExportedFeedbackDto {
  @ApiProperty()
  guildId!: string;

  @ApiProperty()
  trackKey!: string;

  @ApiProperty()
  artistKey!: string;

  @ApiProperty({ enum: ['like', 'dislike', 'skip', 'complete', 'request'] })
  kind!: ExportedFeedbackDto['kind'];

  @ApiProperty({ description: 'Stored weight (positive = liked)' })
  weight!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: String, nullable: true })
  playId!: string | null;

  @ApiProperty({ enum: ['request', 'autoplay', 'discovery', 'import'], nullable: true })
  source!: ExportedFeedbackDto['source'];
}

class ExportedPlayResponseDto implements ExportedPlayDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  guildId!: string;

  @ApiProperty()
  trackKey!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  artist!: string;

  @ApiProperty({ type: String, nullable: true })
  youtubeId!: string | null;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt!: string | null;

  @ApiProperty({ enum: ['finished', 'skipped', 'stopped', 'error', 'replaced'], nullable: true })
  endReason!: ExportedPlayDto['endReason'];

  @ApiProperty({ enum: ['request', 'autoplay', 'discovery', 'import'] })
  source!: ExportedPlayDto['source'];

  @ApiProperty({ enum: ['listener', 'requester', 'skipper'], isArray: true })
  roles!: ExportedPlayDto['roles'];

  @ApiProperty({ type: Number, nullable: true, description: 'How long the user heard it, in ms' })
  listenedMs!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: "Autoplay's fit for the user, 0-1" })
  fit!: number | null;
}

class ExportedFeedbackListResponseDto implements ExportedListDto<ExportedFeedbackDto> {
  @ApiProperty()
  total!: number;

  @ApiProperty({ description: 'More than `items` holds (the newest 10,000 are listed)' })
  truncated!: boolean;

  @ApiProperty({ type: [ExportedFeedbackResponseDto], description: 'Newest first' })
  items!: ExportedFeedbackResponseDto[];
}

class ExportedPlayListResponseDto implements ExportedListDto<ExportedPlayDto> {
  @ApiProperty()
  total!: number;

  @ApiProperty({ description: 'More than `items` holds (the newest 10,000 are listed)' })
  truncated!: boolean;

  @ApiProperty({ type: [ExportedPlayResponseDto], description: 'Newest first' })
  items!: ExportedPlayResponseDto[];
}

export class UserDataExportResponseDto implements UserDataExportDto {
  @ApiProperty()
  userId!: string;

  @ApiProperty({ format: 'date-time' })
  exportedAt!: string;

  @ApiProperty({ description: 'Opted out of being recorded; kept after a delete so it stays honoured' })
  optedOut!: boolean;

  @ApiProperty({ type: ExportedProfileResponseDto, nullable: true })
  profile!: ExportedProfileResponseDto | null;

  @ApiProperty({ type: ExportedLinkedAccountsResponseDto })
  linkedAccounts!: ExportedLinkedAccountsResponseDto;

  @ApiProperty({ type: ExportedFeedbackListResponseDto })
  feedback!: ExportedFeedbackListResponseDto;

  @ApiProperty({ type: ExportedPlayListResponseDto, description: 'Plays the user listened to, requested or skipped' })
  plays!: ExportedPlayListResponseDto;
}
