import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SpotifyModule } from '../../adapters/spotify/spotify.module';
import { LISTENER_PROFILES } from './listener-profiles.port';
import { ProfileViewService } from './profile-view.service';
import { ProfilesModule } from './profiles/profiles.module';
import { TasteProfileService } from './profiles/taste-profile.service';
import { OAuthStateRepository } from './spotify/oauth-state.repository';
import { OAUTH_STATE_MODEL, OAuthStateSchema } from './spotify/oauth-state.schema';
import { SpotifyLinkService } from './spotify/spotify-link.service';

/**
 * Taste profiles as users see them (/profile), linked Spotify accounts (OAuth state, tokens) and
 * the `LISTENER_PROFILES` port autoplay reads. Imports and privacy are use cases built on it.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: OAUTH_STATE_MODEL, schema: OAuthStateSchema }]),
    ProfilesModule,
    SpotifyModule,
  ],
  providers: [
    ProfileViewService,
    OAuthStateRepository,
    SpotifyLinkService,
    { provide: LISTENER_PROFILES, useExisting: TasteProfileService },
  ],
  exports: [
    ProfilesModule,
    LISTENER_PROFILES,
    ProfileViewService,
    OAuthStateRepository,
    SpotifyModule,
    SpotifyLinkService,
  ],
})
export class PreferencesModule {}
