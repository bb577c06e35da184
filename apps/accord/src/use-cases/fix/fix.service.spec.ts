import { ResolveErrorCode, refuse } from '@accord/core';
import type { PlayableTrack } from '../../domain/playback/playback.types';
import type { TrackPinningService } from '../../domain/catalog/track-pinning.service';
import type { TrackResolverService } from '../../domain/catalog/track-resolver.service';
import type { CatalogTrack } from '../../domain/catalog/catalog.types';
import { FixService } from './fix.service';
import type { PlaybackService } from '../../domain/playback/playback.service';

type NowPlayingLookup = Pick<PlaybackService, 'current' | 'replaceCurrent'>;

const playing: PlayableTrack = {
  encoded: 'QAAAold',
  identifier: 'oldVideo001',
  title: 'One More Time',
  author: 'Daft Punk - Topic',
  durationMs: 320_000,
  isStream: false,
  isSeekable: true,
  trackKey: 'daftpunk|onemoretime|none',
};
const repinned = { id: 't1', key: 'daftpunk|onemoretime|none', youtubeId: 'newVideo001' } as CatalogTrack;

function setup(lookup?: NowPlayingLookup): {
  sut: FixService;
  catalog: jest.Mocked<
    Pick<TrackResolverService, 'resolve'> & Pick<TrackPinningService, 'candidates' | 'repin' | 'toPlayable'>
  >;
} {
  const catalog = {
    resolve: jest.fn(),
    candidates: jest.fn().mockResolvedValue({ track: repinned, candidates: [] }),
    repin: jest.fn().mockResolvedValue(repinned),
    toPlayable: jest.fn().mockReturnValue({ ...playing, encoded: 'QAAAnew', identifier: 'newVideo001' }),
  };
  const playback = lookup ?? { current: () => null, replaceCurrent: jest.fn() };
  return {
    sut: new FixService(
      catalog as unknown as TrackResolverService,
      catalog as unknown as TrackPinningService,
      playback as PlaybackService,
    ),
    catalog,
  };
}

describe(FixService.name, () => {
  it('offers candidates for the song playing now when no query is given', async () => {
    const { sut, catalog } = setup({ current: () => playing, replaceCurrent: jest.fn() });

    await sut.candidatesFor({ guildId: 'g1', requesterId: 'u1' });

    expect(catalog.candidates).toHaveBeenCalledWith('daftpunk|onemoretime|none');
  });

  it('asks for a song name when nothing plays', async () => {
    await expect(
      setup({ current: () => null, replaceCurrent: jest.fn() }).sut.candidatesFor({ guildId: 'g1', requesterId: 'u1' }),
    ).rejects.toMatchObject({
      code: 'NOTHING_TO_FIX',
    });
    await expect(setup().sut.candidatesFor({ guildId: 'g1', requesterId: 'u1' })).rejects.toMatchObject({
      code: 'NOTHING_TO_FIX',
    });
  });

  it("passes a failed resolve on as the catalog's refusal", async () => {
    const { sut, catalog } = setup();
    const refusal = refuse(ResolveErrorCode.NothingFound, { text: 'zzz' });
    catalog.resolve.mockResolvedValue(refusal);

    await expect(sut.candidatesFor({ guildId: 'g1', requesterId: 'u1', query: 'zzz' })).rejects.toMatchObject({
      code: 'NOTHING_FOUND',
      refusal,
    });
  });

  it('re-pins for everyone and swaps the song playing here for its new video', async () => {
    const replaceCurrent = jest.fn().mockResolvedValue(undefined);
    const { sut, catalog } = setup({ current: () => playing, replaceCurrent });

    await sut.choose({ guildId: 'g1', trackId: 't1', youtubeId: 'newVideo001' });

    expect(catalog.repin).toHaveBeenCalledWith('t1', 'newVideo001', 'user');
    expect(replaceCurrent).toHaveBeenCalledWith('g1', expect.objectContaining({ identifier: 'newVideo001' }));
  });

  it('leaves playback alone when another song plays', async () => {
    const replaceCurrent = jest.fn();
    const { sut } = setup({ current: () => ({ ...playing, trackKey: 'air|sexyboy|none' }), replaceCurrent });

    await sut.choose({ guildId: 'g1', trackId: 't1', youtubeId: 'newVideo001' });

    expect(replaceCurrent).not.toHaveBeenCalled();
  });
});
