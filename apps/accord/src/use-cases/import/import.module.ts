import { Module } from '@nestjs/common';
import { LastfmModule } from '../../adapters/lastfm/lastfm.module';
import { CatalogModule } from '../../domain/catalog/catalog.module';
import { PreferencesModule } from '../../domain/preferences/preferences.module';
import { LastfmImportService } from './lastfm-import.service';
import { PlaylistImportService } from './playlist-import.service';
import { SpotifyImportService } from './spotify-import.service';
import { SpotifyMaintenanceService } from './spotify-maintenance.service';

/** Importing listening libraries into taste profiles: Spotify (linked), Last.fm (public) and playlists. */
@Module({
  imports: [PreferencesModule, CatalogModule, LastfmModule],
  providers: [LastfmImportService, SpotifyImportService, SpotifyMaintenanceService, PlaylistImportService],
  exports: [LastfmImportService, SpotifyImportService, PlaylistImportService],
})
export class ImportModule {}
