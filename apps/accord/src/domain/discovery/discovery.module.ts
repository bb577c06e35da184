import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { LavalinkModule } from '../../adapters/lavalink/lavalink.module';
import { HistoryModule } from '../history/history.module';
import { CandidateGatherer } from './candidate-gatherer.service';
import { CANDIDATE_SOURCES, type CandidateSource } from './candidate-source';
import { DeezerModule } from '../../adapters/deezer/deezer.module';
import { LastfmModule } from '../../adapters/lastfm/lastfm.module';
import { SIMILAR_MODEL, similarSchema } from './similar.schema';
import { SimilarCacheService } from './similar-cache.service';
import { SimilarRepository } from './similar.repository';
import { CoListeningSource } from './sources/co-listening.source';
import { DeezerSource } from './sources/deezer.source';
import { LastfmSource } from './sources/lastfm.source';
import { ListenerLibrarySource } from './sources/listener-library.source';
import { YoutubeMixSource } from './sources/youtube-mix.source';

/**
 * Candidate sources for autoplay, behind one interface: the listeners' own libraries, co-listening
 * in Accord's history, Last.fm (with a key), Deezer and YouTube mixes. Answers are cached in the
 * `similar` collection. Exports `CandidateGatherer`, which asks them all under a deadline.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: SIMILAR_MODEL, schema: similarSchema }]),
    LavalinkModule,
    HistoryModule,
    DeezerModule,
    LastfmModule,
  ],
  providers: [
    SimilarRepository,
    SimilarCacheService,
    ListenerLibrarySource,
    CoListeningSource,
    DeezerSource,
    LastfmSource,
    YoutubeMixSource,
    {
      provide: CANDIDATE_SOURCES,
      inject: [APP_CONFIG, ListenerLibrarySource, CoListeningSource, DeezerSource, LastfmSource, YoutubeMixSource],
      useFactory: (
        config: AppConfig,
        library: ListenerLibrarySource,
        colistening: CoListeningSource,
        deezer: DeezerSource,
        lastfm: LastfmSource,
        mixes: YoutubeMixSource,
      ): CandidateSource[] =>
        // Last.fm needs a key; every other source works without one.
        config.lastfm?.apiKey ? [library, colistening, lastfm, deezer, mixes] : [library, colistening, deezer, mixes],
    },
    CandidateGatherer,
  ],
  exports: [CandidateGatherer, SimilarCacheService, SimilarRepository],
})
export class DiscoveryModule {}
