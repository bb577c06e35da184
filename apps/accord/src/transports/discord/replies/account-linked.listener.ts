import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DomainEvent, type AccountLinkedEvent } from '@accord/core';
import { SpotifyImportService } from '../../../use-cases/import/spotify-import.service';
import { ImportRepliesService } from './import-replies.service';

/** Once Spotify is linked, imports the library and reports it in the `/link spotify` reply. */
@Injectable()
export class AccountLinkedListener {
  constructor(
    private readonly imports: SpotifyImportService,
    private readonly replies: ImportRepliesService,
  ) {}

  @OnEvent(DomainEvent.AccountLinked)
  onAccountLinked(event: AccountLinkedEvent): void {
    void this.replies.runInBackground(
      'Spotify import',
      'spotifyLibrary',
      this.replies.takeLinkReply(event.state),
      (progress) => this.imports.importLibrary(event.userId, progress),
    );
  }
}
