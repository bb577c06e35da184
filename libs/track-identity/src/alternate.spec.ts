import { pickAlternate, type AlternateRejection } from './alternate';
import type { Candidate } from './score-candidate';

const wanted = { artist: 'Daft Punk', title: 'One More Time', variant: 'none', durationMs: 320_000 };

const upload = (title: string, author: string, durationMs: number, id = title): Candidate => ({
  id,
  title,
  author,
  durationMs,
});

describe(pickAlternate.name, () => {
  it.each<[string, Candidate]>([
    ['the same song under the artist', upload('One More Time', 'Daft Punk', 321_000)],
    ['the same song titled "Artist - Title" by a label', upload('Daft Punk - One More Time', 'Parlophone', 318_000)],
    ['a length within 10 s', upload('One More Time', 'Daft Punk', 329_000)],
  ])('accepts %s', (_, candidate) => {
    const sut = pickAlternate(wanted, [candidate]);

    expect(sut).toMatchObject({ ok: true, best: candidate });
  });

  it.each<[string, Candidate, AlternateRejection]>([
    ['a 30 s SoundCloud preview', upload('One More Time', 'Daft Punk', 30_000), 'preview'],
    ['a live version', upload('One More Time (Live)', 'Daft Punk', 322_000), 'variant'],
    ['a remix', upload('One More Time (Romanthony Remix)', 'Daft Punk', 321_000), 'variant'],
    ['another song of the artist', upload('Digital Love', 'Daft Punk', 301_000), 'other-song'],
    ['the same title by another artist', upload('One More Time', 'Weezer', 320_000), 'other-song'],
    ['a length 40 s off', upload('One More Time', 'Daft Punk', 360_000), 'duration'],
  ])('refuses %s', (_, candidate, why) => {
    const sut = pickAlternate(wanted, [candidate]);

    expect(sut).toEqual({ ok: false, reason: 'NO_MATCH', rejected: [{ candidate, why }] });
  });

  it('picks the upload closest in length among acceptable ones, past previews and versions', () => {
    const candidates = [
      upload('One More Time', 'Daft Punk', 30_000, 'preview'),
      upload('One More Time (Live)', 'Daft Punk', 320_000, 'live'),
      upload('One More Time', 'Daft Punk', 326_000, 'far'),
      upload('One More Time', 'Daft Punk', 320_500, 'close'),
    ];

    const sut = pickAlternate(wanted, candidates);

    expect(sut).toMatchObject({ ok: true, best: { id: 'close' }, differenceMs: 500 });
  });

  it('takes a short song for what it is when the wanted song is short too', () => {
    const sut = pickAlternate({ artist: 'Napalm Death', title: 'You Suffer', durationMs: 1_500 }, [
      upload('You Suffer', 'Napalm Death', 2_000),
    ]);

    expect(sut.ok).toBe(true);
  });

  it('refuses a preview even when the wanted length is unknown', () => {
    const sut = pickAlternate({ artist: 'Daft Punk', title: 'One More Time' }, [
      upload('One More Time', 'Daft Punk', 30_000),
    ]);

    expect(sut).toMatchObject({ ok: false, reason: 'NO_MATCH' });
  });

  it('honours a given tolerance', () => {
    const sut = pickAlternate(wanted, [upload('One More Time', 'Daft Punk', 326_000)], { toleranceMs: 2_000 });

    expect(sut).toMatchObject({ ok: false, rejected: [{ why: 'duration' }] });
  });

  it('says when there is nothing to choose from', () => {
    expect(pickAlternate(wanted, [])).toEqual({ ok: false, reason: 'NO_CANDIDATES', rejected: [] });
  });
});
