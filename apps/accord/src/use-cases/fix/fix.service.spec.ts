import { ResolveErrorCode, refuse } from '@accord/core';
import type { PlayableTrack } from '../../domain/playback/playback.types';
import type { TrackPinningService } from '../../domain/catalog/track-pinning.service';
import type { TrackResolverService } from '../../domain/catalog/track-resolver.service';
import type { CatalogTrack, TrackCandidate } from '../../domain/catalog/catalog.types';
import { FixOfferStore } from './fix-offer.store';
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
const ana = { userId: 'u1', guildId: 'g1' };
const shown = {
  track: repinned,
  candidates: [{ youtubeId: 'oldVideo001' }, { youtubeId: 'newVideo001' }] as TrackCandidate[],
};

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
      new FixOfferStore(),
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

  it('re-pins for everyone a video /fix offered, and swaps the song playing here for it', async () => {
    const replaceCurrent = jest.fn().mockResolvedValue(undefined);
    const { sut, catalog } = setup({ current: () => playing, replaceCurrent });
    sut.offer('i1', ana, shown);

    await sut.choose({ interactionId: 'i1', trackId: 't1', youtubeId: 'newVideo001', by: ana });

    expect(catalog.repin).toHaveBeenCalledWith('t1', 'newVideo001', 'user', {
      userId: 'u1',
      guildId: 'g1',
      via: 'discord',
    });
    expect(replaceCurrent).toHaveBeenCalledWith('g1', expect.objectContaining({ identifier: 'newVideo001' }));
  });

  it('leaves playback alone when another song plays', async () => {
    const replaceCurrent = jest.fn();
    const { sut } = setup({ current: () => ({ ...playing, trackKey: 'air|sexyboy|none' }), replaceCurrent });
    sut.offer('i1', ana, shown);

    await sut.choose({ interactionId: 'i1', trackId: 't1', youtubeId: 'newVideo001', by: ana });

    expect(replaceCurrent).not.toHaveBeenCalled();
  });

  it.each([
    ['a video that was never offered', { interactionId: 'i1', trackId: 't1', youtubeId: 'forgedVid01', by: ana }],
    ['another track than the one shown', { interactionId: 'i1', trackId: 't2', youtubeId: 'newVideo001', by: ana }],
    [
      'another user than the one shown',
      { interactionId: 'i1', trackId: 't1', youtubeId: 'newVideo001', by: { ...ana, userId: 'u2' } },
    ],
    ['no /fix behind the button', { interactionId: null, trackId: 't1', youtubeId: 'newVideo001', by: ana }],
  ])('refuses %s and re-pins nothing', async (_label, choice) => {
    const { sut, catalog } = setup();
    sut.offer('i1', ana, shown);

    await expect(sut.choose(choice)).rejects.toMatchObject({ code: 'INVALID_QUERY' });
    expect(catalog.repin).not.toHaveBeenCalled();
  });
});
