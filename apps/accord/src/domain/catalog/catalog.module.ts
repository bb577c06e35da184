import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LavalinkModule } from '../../adapters/lavalink/lavalink.module';
import { DeezerModule } from '../../adapters/deezer/deezer.module';
import { HostLookup } from '../../adapters/network/host-lookup';
import { SpotifyModule } from '../../adapters/spotify/spotify.module';
import { HealthModule } from '../health/health.module';
import { CatalogArtists } from './catalog-artists';
import { CATALOG_STATE_MODEL, catalogStateSchema } from './catalog-state.schema';
import { DirectLinkService } from './direct-link.service';
import { FallbackSourceService } from './fallback-source.service';
import { PinReviewService } from './pin-review.service';
import { TrackKeysService } from './track-keys.service';
import { TrackPinningService } from './track-pinning.service';
import { TrackRepinnedListener } from './track-repinned.listener';
import { TRACK_RESOLVER } from './track-resolver.port';
import { TrackResolverService } from './track-resolver.service';
import { TrackSuggestionService } from './track-suggestion.service';
import { TrackRepository } from './track.repository';
import { TRACK_MODEL, trackSchema } from './track.schema';
import { VideoSearchService } from './video-search.service';

/**
 * Songs: link parsing, resolving, pinning to one YouTube video, aliases, re-pinning and merging, and
 * the fallback sources a song plays from while its video will not.
 * Exports the resolver (also as `TRACK_RESOLVER`, for playback's look-ahead), pinning (/fix and the
 * panel), suggestions (autocomplete) and the known artists (fed by imports).
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: TRACK_MODEL, schema: trackSchema },
      { name: CATALOG_STATE_MODEL, schema: catalogStateSchema },
    ]),
    LavalinkModule,
    DeezerModule,
    SpotifyModule,
    HealthModule,
  ],
  providers: [
    TrackRepository,
    CatalogArtists,
    VideoSearchService,
    FallbackSourceService,
    TrackPinningService,
    TrackKeysService,
    PinReviewService,
    TrackRepinnedListener,
    TrackResolverService,
    TrackSuggestionService,
    HostLookup,
    DirectLinkService,
    { provide: TRACK_RESOLVER, useExisting: TrackResolverService },
  ],
  exports: [
    TrackResolverService,
    TrackPinningService,
    TrackSuggestionService,
    TrackKeysService,
    CatalogArtists,
    TRACK_RESOLVER,
  ],
})
export class CatalogModule {}
