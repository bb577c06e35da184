import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LrclibModule } from '../../adapters/lrclib/lrclib.module';
import { CatalogModule } from '../catalog/catalog.module';
import { PlaybackModule } from '../playback/playback.module';
import { LyricsRepository } from './lyrics.repository';
import { LYRICS_MODEL, lyricsSchema } from './lyrics.schema';
import { LyricsService } from './lyrics.service';

/** Song lyrics from LRCLIB, cached in the `lyrics` collection: for the song playing (by the catalog's song) or a query. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: LYRICS_MODEL, schema: lyricsSchema }]),
    LrclibModule,
    CatalogModule,
    PlaybackModule,
  ],
  providers: [LyricsRepository, LyricsService],
  exports: [LyricsService],
})
export class LyricsModule {}
