import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CALLBACK_PAGES } from './callback-pages';
import { SpotifyLinkService } from '../../../domain/preferences/spotify/spotify-link.service';

/**
 * Where Spotify sends the browser back after `/link spotify` (`PUBLIC_URL/api/v1/spotify/callback`).
 * A completed link emits `AccountLinked`; the Discord transport starts the import from it.
 */
@ApiExcludeController()
@Controller('spotify')
export class SpotifyController {
  constructor(private readonly link: SpotifyLinkService) {}

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
    await reply.status(200).send(CALLBACK_PAGES.linked(outcome.displayName));
  }
}
