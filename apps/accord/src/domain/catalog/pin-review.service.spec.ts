import { Logger } from '@nestjs/common';
import { CatalogEvent, type PlayableTrack } from '@accord/core';
import type { CatalogTrack } from './catalog.types';
import { PinReviewService } from './pin-review.service';
import { CatalogTrackFactory, createCatalog, video, type CatalogFakes } from './testing/catalog.fakes';

describe(PinReviewService.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
  });

  const cover = video('coverVideo1', 'Adele - Rolling in the Deep (cover by Jane Doe)', 'Jane Doe Music', 230_000);
  const official = video('adeleVideo1', 'Adele - Rolling in the Deep (Official Music Video)', 'AdeleVEVO', 234_000);
  let catalog: CatalogFakes;

  /** The song as an older parser stored it: asked for by name, pinned to a cover it did not see. */
  const storedWithPin = (pinned: PlayableTrack, overrides: Partial<CatalogTrack> = {}): CatalogTrack => {
    const song = CatalogTrackFactory.create({
      key: 'adele|rollinginthedeep|none',
      artist: 'Adele',
      title: 'Rolling in the Deep',
      video: pinned,
      ...overrides,
    });
    song.aliases.push('q:adelerollinginthedeep');
    catalog.tracks.docs.push(song);
    return song;
  };
  const askByName = async (): Promise<void> => {
    const outcome = await catalog.resolver.resolve('Adele - Rolling in the Deep', 'u1');
    expect(outcome).toMatchObject({ ok: true, value: { fromPin: true } });
    await catalog.pinReview.reviewNow(catalog.tracks.docs[0]);
  };

  beforeEach(() => {
    catalog = createCatalog();
    catalog.lavalink.videos = [cover, official];
  });

  it('re-pins a song whose automatic pin now reads as another version, and frees that version’s link', async () => {
    const song = storedWithPin(cover);

    await askByName();

    expect(catalog.tracks.docs[0]).toMatchObject({ id: song.id, youtubeId: official.identifier, pin: { by: 'auto' } });
    expect(catalog.tracks.docs[0].aliases).not.toContain(`yt:${cover.identifier}`);
    expect(catalog.events.emitted).toContainEqual({
      name: CatalogEvent.TrackRepinned,
      payload: expect.objectContaining({
        previousYoutubeId: cover.identifier,
        youtubeId: official.identifier,
      }) as unknown,
    });
    // The cover's link, pasted again, is a song of its own.
    const pasted = await catalog.resolver.resolve(`https://youtu.be/${cover.identifier}`, 'u1');
    expect(pasted).toMatchObject({
      ok: true,
      value: { track: { trackKey: 'janedoe|rollinginthedeep|cover:janedoe' } },
    });
  });

  it('looks at a pin once, however often the song is asked for', async () => {
    storedWithPin(official);

    await askByName();
    await askByName();

    expect(catalog.lavalink.calls).toEqual([]);
  });

  it('never changes a pin a person chose', async () => {
    storedWithPin(cover, { pin: { by: 'user', at: new Date('2025-02-01T00:00:00Z'), score: 0.5 } });

    await askByName();

    expect(catalog.tracks.docs[0].youtubeId).toBe(cover.identifier);
    expect(catalog.lavalink.calls).toEqual([]);
  });

  it('keeps the pin when no upload of the song itself is found', async () => {
    catalog.lavalink.videos = [cover];
    storedWithPin(cover);

    await askByName();

    expect(catalog.tracks.docs[0]).toMatchObject({ youtubeId: cover.identifier });
    expect(catalog.tracks.docs[0].aliases).toContain(`yt:${cover.identifier}`);
    expect(catalog.lavalink.calls.length).toBeGreaterThan(0);
  });
});
