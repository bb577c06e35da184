import { Inject, Injectable } from '@nestjs/common';
import { ResolveErrorCode, ok, refuse, type LinkFailure } from '@accord/core';
import { HostLookup } from '../../adapters/network/host-lookup';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { ResolveOutcome } from './catalog.types';
import { checkDirectLink, directTrack } from './direct-links';
import { VideoSearchService } from './video-search.service';

/**
 * A direct audio link (`https://host/song.mp3`), played by Lavalink's http source as it is: never
 * pinned to YouTube, keyed as a song only when its tags name the artist and title. Refused, before
 * Lavalink fetches anything, when direct links are off (`DIRECT_LINKS`) or, with `public`, when the
 * host is or resolves to a private, loopback or link-local address.
 */
@Injectable()
export class DirectLinkService {
  constructor(
    private readonly videos: VideoSearchService,
    private readonly hosts: HostLookup,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'links'>,
  ) {}

  async resolve(url: string): Promise<ResolveOutcome> {
    const verdict = await checkDirectLink(url, this.config.links.direct, (host) => this.hosts.addresses(host));
    if (!verdict.ok) {
      switch (verdict.why) {
        case 'off':
          return refuse(ResolveErrorCode.UnsupportedLink, { url });
        case 'private':
          return refuse(ResolveErrorCode.PrivateLink, { host: verdict.host });
        case 'unresolved':
          return refuse(ResolveErrorCode.UnknownHost, { host: verdict.host });
      }
    }
    const result = await this.videos.load(url);
    const track = result.type === 'track' ? result.track : undefined;
    if (!track?.encoded) {
      // Lavalink answers a 404 with nothing at all; every other failure says why in its exception.
      const failure: LinkFailure = result.type === 'error' ? result.link : { why: 'not-found' };
      return refuse(ResolveErrorCode.LinkUnplayable, { url, ...failure });
    }
    return ok({ kind: 'track', track: directTrack(track, url), source: 'link', fromPin: false });
  }
}
