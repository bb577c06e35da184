import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { CatalogModule } from '../../domain/catalog/catalog.module';
import { HealthModule } from '../../domain/health/health.module';
import { HistoryModule } from '../../domain/history/history.module';
import { LyricsModule } from '../../domain/lyrics/lyrics.module';
import { PlayRequestModule } from '../../use-cases/play-request/play-request.module';
import { PrivacyModule } from '../../use-cases/privacy/privacy.module';
import { PlaybackModule } from '../../domain/playback/playback.module';
import { PreferencesModule } from '../../domain/preferences/preferences.module';
import { SignInLinksModule } from '../../domain/sign-in-links/sign-in-links.module';
import { GuildAccessGuard } from './access/guild-access.guard';
import { GuildAccessService } from './access/guild-access.service';
import { AdminSessionGuard } from './auth/admin-session.guard';
import { AdminSessionRepository } from './auth/admin-session.repository';
import { AdminSessionDocument, AdminSessionSchema } from './auth/admin-session.schema';
import { AdminSessionService } from './auth/admin-session.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { OwnerGuard } from './auth/owner.guard';
import { PasswordLoginService } from './auth/password-login.service';
import { AdminHistoryService } from './history/admin-history.service';
import { HistoryController } from './history/history.controller';
import { AdminGuildsService } from './guilds/admin-guilds.service';
import { GuildsController } from './guilds/guilds.controller';
import { HealthController } from './health/health.controller';
import { LiveClientRegistry } from './live/live-client.registry';
import { LiveHubService } from './live/live-hub.service';
import { LiveGateway } from './live/live.gateway';
import { LyricsController } from './lyrics/lyrics.controller';
import { EnqueueService } from './player/enqueue.service';
import { PlayerControlService } from './player/player-control.service';
import { PlayerController } from './player/player.controller';
import { AdminDirectoryService } from './settings/admin-directory.service';
import { AdminSettingsService } from './settings/admin-settings.service';
import { DirectoryController } from './settings/directory.controller';
import { SettingsController } from './settings/settings.controller';
import { SpotifyController } from './spotify/spotify.controller';
import { AdminSystemService } from './system/admin-system.service';
import { SystemController } from './system/system.controller';
import { AdminTracksService } from './tracks/admin-tracks.service';
import { TracksController } from './tracks/tracks.controller';
import { AdminUsersService } from './users/admin-users.service';
import { UsersController } from './users/users.controller';

/** Requests an address may make a minute on the admin API (login routes have tighter limits). */
const REQUESTS_PER_MINUTE = 600;

/**
 * The admin panel's server side: sign-in (Discord OAuth2 or the owner password), the REST API
 * under `/api/v1` (guilds, player, settings, nodes, logs) and the live WebSocket at `/api/v1/ws`.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: AdminSessionDocument.name, schema: AdminSessionSchema }]),
    ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: REQUESTS_PER_MINUTE }] }),
    TerminusModule.forRoot({ logger: false }),
    PlaybackModule,
    HealthModule,
    HistoryModule,
    CatalogModule,
    PreferencesModule,
    PlayRequestModule,
    PrivacyModule,
    SignInLinksModule,
    LyricsModule,
  ],
  controllers: [
    AuthController,
    GuildsController,
    PlayerController,
    LyricsController,
    SettingsController,
    DirectoryController,
    SystemController,
    HistoryController,
    TracksController,
    UsersController,
    HealthController,
    SpotifyController,
  ],
  providers: [
    AdminSessionRepository,
    AdminSessionService,
    AdminSessionGuard,
    OwnerGuard,
    PasswordLoginService,
    AuthService,
    GuildAccessService,
    GuildAccessGuard,
    AdminGuildsService,
    PlayerControlService,
    EnqueueService,
    AdminSettingsService,
    AdminDirectoryService,
    AdminSystemService,
    LiveClientRegistry,
    LiveHubService,
    LiveGateway,
    AdminHistoryService,
    AdminTracksService,
    AdminUsersService,
  ],
})
export class AdminModule {}
