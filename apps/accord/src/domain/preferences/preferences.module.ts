import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CatalogModule } from '../catalog/catalog.module';
import { HistoryModule } from '../history/history.module';
import { LISTENER_PROFILES } from '../../use-cases/autoplay/ports';
import { ForgetMeCommand } from '../../transports/discord/commands/forget-me.command';
import { ForgetButtonHandler } from '../../transports/discord/buttons/forget.button-handler';
import { ImportCommand } from '../../transports/discord/commands/import.command';
import { LinkCommand } from '../../transports/discord/commands/link.command';
import { OptOutCommand } from '../../transports/discord/commands/optout.command';
import { PrivacyCommand } from '../../transports/discord/commands/privacy.command';
import { ProfileCommand } from '../../transports/discord/commands/profile.command';
import { UnlinkCommand } from '../../transports/discord/commands/unlink.command';
import { ImportRepliesService } from '../../transports/discord/replies/import-replies.service';
import { PlaylistImportService } from '../../use-cases/import/playlist-import.service';
import { LastfmImportClient } from '../../adapters/lastfm/lastfm-import.client';
import { LastfmImportService } from '../../use-cases/import/lastfm-import.service';
import { PrivacyService } from './privacy.service';
import { ProfileViewService } from './profile-view.service';
import { ProfilesModule } from './profiles/profiles.module';
import { TasteProfileService } from './profiles/taste-profile.service';
import { OAuthStateRepository } from './spotify/oauth-state.repository';
import { OAUTH_STATE_MODEL, OAuthStateSchema } from './spotify/oauth-state.schema';
import { realSleep, SPOTIFY_SLEEP, SpotifyAccountClient } from '../../adapters/spotify/spotify-account.client';
import { SpotifyImportService } from '../../use-cases/import/spotify-import.service';
import { SpotifyLinkService } from './spotify/spotify-link.service';
import { SpotifyMaintenanceService } from './spotify/spotify-maintenance.service';
import { SpotifyController } from '../../transports/admin/spotify/spotify.controller';

/**
 * Taste profiles as users see them (/profile), Spotify and Last.fm linking and imports, and
 * privacy (/privacy, /forget-me, /optout). Provides `LISTENER_PROFILES` for autoplay.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: OAUTH_STATE_MODEL, schema: OAuthStateSchema }]),
    ProfilesModule,
    HistoryModule,
    CatalogModule,
  ],
  controllers: [SpotifyController],
  providers: [
    ProfileViewService,
    PrivacyService,
    OAuthStateRepository,
    { provide: SPOTIFY_SLEEP, useValue: realSleep },
    SpotifyAccountClient,
    SpotifyLinkService,
    SpotifyImportService,
    SpotifyMaintenanceService,
    LastfmImportClient,
    LastfmImportService,
    PlaylistImportService,
    ImportRepliesService,
    { provide: LISTENER_PROFILES, useExisting: TasteProfileService },
    ProfileCommand,
    PrivacyCommand,
    ForgetMeCommand,
    ForgetButtonHandler,
    OptOutCommand,
    LinkCommand,
    UnlinkCommand,
    ImportCommand,
  ],
  exports: [LISTENER_PROFILES, ProfileViewService, PrivacyService],
})
export class PreferencesModule {}
