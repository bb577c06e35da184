import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ImportRepliesService } from '../../discord/replies/import-replies.service';
import { CALLBACK_PAGES } from '../../discord/presenters/import.presenter';
import { SpotifyImportService } from '../../../use-cases/import/spotify-import.service';
import { SpotifyLinkService } from '../../../domain/preferences/spotify/spotify-link.service';

/** Where Spotify sends the browser back after `/link spotify` (`PUBLIC_URL/api/v1/spotify/callback`). */
@ApiExcludeController()
@Controller('spotify')
export class SpotifyController {
  constructor(
    private readonly link: SpotifyLinkService,
    private readonly imports: SpotifyImportService,
    private readonly replies: ImportRepliesService,
  ) {}

  @Get('callback')
  async callback(
    @Query('code') code: string | undefined,
    @Query('state') state: string | undefined,
    @Query('error') error: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.link.completeLink({ code, state, error });
    reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8');
    if (!outcome.ok) {
      const status = outcome.reason === 'SPOTIFY_FAILED' ? 502 : 400;
      const body =
        outcome.reason === 'BAD_STATE'
          ? CALLBACK_PAGES.badState
          : outcome.reason === 'DENIED'
            ? CALLBACK_PAGES.denied
            : CALLBACK_PAGES.failed;
      await reply.status(status).send(body);
      return;
    }
    void this.replies.runInBackground(
      'Spotify import',
      'your Spotify library',
      this.replies.takeLinkReply(outcome.state),
      (progress) => this.imports.importLibrary(outcome.userId, progress),
    );
    await reply.status(200).send(CALLBACK_PAGES.linked(outcome.displayName));
  }
}
