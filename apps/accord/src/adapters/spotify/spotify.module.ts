import { Module } from '@nestjs/common';
import { SpotifyClient } from './spotify.client';
import { realSleep, SPOTIFY_SLEEP } from './spotify.types';

/** The Spotify adapter: one client for the catalog's links, account linking and library imports. */
@Module({
  providers: [{ provide: SPOTIFY_SLEEP, useValue: realSleep }, SpotifyClient],
  exports: [SPOTIFY_SLEEP, SpotifyClient],
})
export class SpotifyModule {}
