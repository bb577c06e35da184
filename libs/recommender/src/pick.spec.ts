import { buildCandidates, buildListener, buildNewcomer, type ListenerId, simulateSession } from '../fixtures/factories';
import { pick } from './pick';
import { type Candidate, type HistoryEntry, type Pick } from './types';

const START = Date.UTC(2025, 0, 10, 20, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function fitOf(p: Pick, userId: string): number {
  return p.fits.find((f) => f.userId === userId)?.fit ?? 0;
}

function wellFitShare(picks: Pick[], userId: string, threshold = 0.5): number {
  return picks.filter((p) => fitOf(p, userId) >= threshold).length / picks.length;
}

/** Songs between two genres: each is close to one artist of each, so it fits both listeners somewhat. */
function crossovers(pairs: Array<[string, string]>, strength = 0.8): Candidate[] {
  return pairs.flatMap(([a, b], i) =>
    [0, 1].map((n) => ({
      trackKey: `crossover-${i}::t${n}`,
      artistKey: `crossover-${i}`,
      artistName: `Crossover ${i}`,
      title: `Crossover ${i} song ${n}`,
      tags: [],
      guildPopularity: 0.3,
      evidence: [a, b].map((id) => ({
        source: 'lastfm',
        similarTo: { kind: 'artist' as const, id, name: id },
        strength,
      })),
    })),
  );
}

/** The longest run of consecutive picks that left this listener below the fit `threshold`. */
function longestRunBelow(picks: Pick[], userId: string, threshold: number): number {
  let longest = 0;
  let run = 0;
  for (const p of picks) {
    run = fitOf(p, userId) < threshold ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

describe(pick.name, () => {
  describe('fairness over a session of 30 picks', () => {
    it.each([
      { room: ['ana', 'ben', 'cy'], min: 0.25, max: 0.45 },
      // Two listeners agree: plain averaging would never play Cy's jazz.
      { room: ['ana', 'dee', 'cy'], min: 0.3, max: 0.7 },
      { room: ['ana', 'ben'], min: 0.4, max: 0.6 },
    ] as Array<{ room: ListenerId[]; min: number; max: number }>)(
      'gives each of $room a share of well-fitting picks in [$min, $max]',
      ({ room, min, max }) => {
        const listeners = room.map((id) => buildListener(id));
        const { picks } = simulateSession({ listeners, candidates: buildCandidates(), rounds: 30, start: START });

        expect(picks).toHaveLength(30);
        for (const id of room) {
          expect(wellFitShare(picks, id)).toBeGreaterThanOrEqual(min);
          expect(wellFitShare(picks, id)).toBeLessThanOrEqual(max);
        }
      },
    );

    it('returns higher next weights for the listener served least', () => {
      const listeners = [buildListener('ana'), buildListener('ben'), buildListener('cy')];
      const history: HistoryEntry[] = [0, 1, 2, 3].map((i) => ({
        trackKey: `daft-punk::t${i}`,
        artistKey: 'daft-punk',
        startedAt: START - (i + 1) * 4 * MINUTE,
        listeners: ['ana', 'ben', 'cy'],
        fits: [
          { userId: 'ana', fit: 1 },
          { userId: 'ben', fit: 0.4 },
          { userId: 'cy', fit: 0 },
        ],
        source: 'autoplay',
        outcome: 'finished',
      }));

      const result = pick({ listeners, candidates: buildCandidates(), history, now: START, seed: 1 });

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.picks[0].fits.find((f) => f.userId === 'cy')?.fit).toBeGreaterThanOrEqual(0.5);
      expect(result.value.picks[0].explanation).toContain('Cy');
    });
  });

  describe('turns within one request', () => {
    it.each([2, 3, 4])(
      'gives a dissimilar pair each their own best song within %i picks, not a compromise, never a song one dislikes',
      (count) => {
        // Ana (electro) dislikes Cy's favourite; compromises that fit both fairly well are on offer too.
        const listeners = [buildListener('ana', { dislikedTrackKeys: ['miles-davis::t0'] }), buildListener('cy')];
        const candidates = [
          ...buildCandidates(),
          ...crossovers([
            ['daft-punk', 'miles-davis'],
            ['justice', 'coltrane'],
            ['kavinsky', 'herbie-hancock'],
          ]),
        ];

        const result = pick({ listeners, candidates, history: [], now: START, seed: 5, count });

        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const { picks } = result.value;
        expect(picks.map((p) => p.trackKey)).not.toContain('miles-davis::t0');
        expect(picks.slice(0, 2).some((p) => fitOf(p, 'ana') === 1)).toBe(true);
        expect(picks.slice(0, 2).some((p) => fitOf(p, 'cy') === 1)).toBe(true);
        expect(picks.some((p) => p.artistKey.startsWith('crossover'))).toBe(false);
      },
    );

    it('marks the listener whose turn it is in the explanation', () => {
      const listeners = [buildListener('ana'), buildListener('cy')];

      const result = pick({ listeners, candidates: buildCandidates(), history: [], now: START, seed: 5, count: 2 });

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const [first, second] = result.value.picks;
      const firstServed = fitOf(first, 'ana') === 1 ? 'Ana' : 'Cy';
      const secondServed = firstServed === 'Ana' ? 'Cy' : 'Ana';
      expect(first.explanation).not.toContain('turn');
      expect(second.explanation).toContain(`(${secondServed}'s turn)`);
    });
  });

  describe('misery guard', () => {
    it.each([
      { room: ['ana', 'cy'], longest: 1 },
      { room: ['ana', 'ben', 'cy'], longest: 2 },
      { room: ['ana', 'dee', 'cy'], longest: 2 },
    ] as Array<{ room: ListenerId[]; longest: number }>)(
      'never leaves one of $room below the misery threshold more than $longest picks in a row over 30 picks',
      ({ room, longest }) => {
        const listeners = room.map((id) => buildListener(id));
        // A one-hour cooldown so the small fixture never runs out of songs for anyone.
        const settings = { trackCooldownMs: HOUR };
        const { picks } = simulateSession({
          listeners,
          candidates: buildCandidates(),
          rounds: 30,
          start: START,
          settings,
        });

        expect(picks).toHaveLength(30);
        for (const id of room) expect(longestRunBelow(picks, id, 0.15)).toBeLessThanOrEqual(longest);
      },
    );

    it.each([
      { name: 'vetoes', settings: {}, cyMiserable: false },
      { name: 'with the guard off, does not veto', settings: { miseryThreshold: 0 }, cyMiserable: true },
    ])('$name a third song in a row that fits Cy badly, even on Ben’s turn', ({ settings, cyMiserable }) => {
      const listeners = [buildListener('ana'), buildListener('ben'), buildListener('cy')];
      // Cy was served well before, so it is Ben's turn; but the last two songs were nothing for Cy.
      const history: HistoryEntry[] = [
        { ana: 1, ben: 0.6, cy: 0 },
        { ana: 1, ben: 0.6, cy: 0 },
        { ana: 0, ben: 0, cy: 1 },
        { ana: 0, ben: 0.6, cy: 1 },
      ].map((fits, i) => ({
        trackKey: `played-${i}`,
        artistKey: `played-${i}`,
        startedAt: START - (i + 1) * 4 * MINUTE,
        listeners: ['ana', 'ben', 'cy'],
        fits: Object.entries(fits).map(([userId, fit]) => ({ userId, fit })),
        source: 'autoplay',
        outcome: 'finished',
      }));
      const candidates = [
        ...buildCandidates(),
        ...crossovers(
          [
            ['qotsa', 'coltrane'],
            ['muse', 'miles-davis'],
          ],
          1,
        ),
      ];

      const result = pick({ listeners, candidates, history, now: START, seed: 2, settings });

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const [chosen] = result.value.picks;
      expect(fitOf(chosen, 'ben')).toBeGreaterThanOrEqual(0.5);
      expect(fitOf(chosen, 'cy') < 0.15).toBe(cyMiserable);
      expect(chosen.artistKey.startsWith('crossover')).toBe(!cyMiserable);
    });
  });

  describe('hard rules', () => {
    it.each([
      {
        name: 'disliked tracks',
        dislike: { dislikedTrackKeys: ['daft-punk::t0', 'daft-punk::t1', 'justice::t0', 'muse::t0'] },
      },
      { name: 'disliked artists', dislike: { dislikedArtistKeys: ['daft-punk', 'muse', 'breakbot'] } },
    ])('never picks $name of any present listener over 30 picks', ({ dislike }) => {
      const listeners = [buildListener('ana'), buildListener('ben', dislike), buildListener('cy')];
      const { picks } = simulateSession({
        listeners,
        candidates: buildCandidates(),
        rounds: 30,
        start: START,
        settings: { trackCooldownMs: 10 * MINUTE },
      });

      expect(picks.length).toBe(30);
      for (const p of picks) {
        expect(dislike.dislikedTrackKeys ?? []).not.toContain(p.trackKey);
        expect(dislike.dislikedArtistKeys ?? []).not.toContain(p.artistKey);
      }
    });

    it.each([
      { trackCooldownMs: 6 * HOUR, artistSpacing: 3 },
      { trackCooldownMs: 2 * HOUR, artistSpacing: 2 },
    ])('honours cooldown $trackCooldownMs ms and artist spacing $artistSpacing across a restart', (settings) => {
      const listeners = [buildListener('ana'), buildListener('ben')];
      const candidates = buildCandidates();
      const before = simulateSession({ listeners, candidates, rounds: 15, start: START, settings });
      // A restart: only what was persisted survives, passed back in as plain data.
      const persisted = JSON.parse(JSON.stringify(before.history)) as HistoryEntry[];
      const after = simulateSession({
        listeners,
        candidates,
        rounds: 15,
        start: before.now,
        settings,
        history: persisted,
        seed: 99,
      });

      const plays = after.history;
      plays.forEach((play, i) => {
        for (const earlier of plays.slice(0, i)) {
          if (earlier.trackKey === play.trackKey) {
            expect(play.startedAt - earlier.startedAt).toBeGreaterThanOrEqual(settings.trackCooldownMs);
          }
        }
        const window = plays.slice(Math.max(0, i - settings.artistSpacing), i).map((p) => p.artistKey);
        expect(window).not.toContain(play.artistKey);
      });
    });

    it('relaxes the cooldown stepwise when everything is inside it', () => {
      const candidates = buildCandidates().filter((c) => c.artistKey === 'daft-punk' || c.artistKey === 'justice');
      const history: HistoryEntry[] = candidates.slice(0, 10).map((c, i) => ({
        trackKey: c.trackKey,
        artistKey: c.artistKey,
        startedAt: START - (i + 1) * 20 * MINUTE,
        listeners: ['ana'],
        source: 'autoplay',
      }));
      const only = candidates.slice(0, 10);

      const result = pick({ listeners: [buildListener('ana')], candidates: only, history, now: START, seed: 3 });

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.relaxation).toBeGreaterThan(0);
      // Never one of the last three plays.
      expect(history.slice(0, 3).map((h) => h.trackKey)).not.toContain(result.value.picks[0].trackKey);
    });
  });

  describe('bad input', () => {
    const justPlayed: HistoryEntry = {
      trackKey: 'daft-punk::t0',
      artistKey: 'daft-punk',
      startedAt: START - MINUTE,
      listeners: ['ana'],
      source: 'autoplay',
    };
    it.each([
      { name: 'no candidates', candidates: [] as Candidate[], history: [], reason: 'NO_CANDIDATES' },
      {
        name: 'only the song that just played',
        candidates: buildCandidates().filter((c) => c.trackKey === 'daft-punk::t0'),
        history: [justPlayed],
        reason: 'NO_CANDIDATES',
      },
      {
        name: 'only disliked songs',
        candidates: buildCandidates().filter((c) => c.trackKey === 'justice::t1'),
        history: [],
        reason: 'NO_CANDIDATES',
        dislike: true,
      },
    ])('says autoplay paused for $name', ({ candidates, history, reason, dislike }) => {
      const listener = buildListener('ana', dislike ? { dislikedTrackKeys: ['justice::t1'] } : {});

      const result = pick({ listeners: [listener], candidates, history, now: START, seed: 1 });

      expect(result).toEqual({ ok: false, reason, detail: expect.stringContaining('Autoplay paused') as unknown });
    });

    it('refuses an empty room', () => {
      expect(pick({ listeners: [], candidates: buildCandidates(), history: [], now: START, seed: 1 })).toMatchObject({
        ok: false,
        reason: 'NO_LISTENERS',
      });
    });

    it('returns fewer picks than asked when the room runs out, never a repeat', () => {
      const candidates = buildCandidates().filter((c) => c.artistKey === 'air');
      const result = pick({
        listeners: [buildListener('ana')],
        candidates,
        history: [],
        now: START,
        seed: 1,
        count: 10,
      });

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const keys = result.value.picks.map((p) => p.trackKey);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(candidates.length);
    });
  });

  describe('discovery share', () => {
    it.each([
      { share: 0.25, adapt: true, min: 9, max: 11 },
      { share: 0.25, adapt: false, min: 9, max: 11 },
      { share: 0.5, adapt: false, min: 19, max: 21 },
      { share: 0, adapt: false, min: 0, max: 0 },
    ])('holds share $share (adaptive: $adapt) over 40 picks', ({ share, adapt, min, max }) => {
      const listeners = [buildListener('ana'), buildListener('ben'), buildListener('cy')];
      const { picks } = simulateSession({
        listeners,
        candidates: buildCandidates(),
        rounds: 40,
        start: START,
        settings: { discoveryShare: share, adaptDiscoveryShare: adapt, trackCooldownMs: HOUR },
      });

      const discoveries = picks.filter((p) => p.isDiscovery).length;
      expect(discoveries).toBeGreaterThanOrEqual(min);
      expect(discoveries).toBeLessThanOrEqual(max);
    });

    it('picks discoveries that no present listener has played or liked', () => {
      const listeners = [buildListener('ana', { likedTrackKeys: ['breakbot::t0'] }), buildListener('ben')];
      const { picks } = simulateSession({ listeners, candidates: buildCandidates(), rounds: 20, start: START });
      const known = new Set(listeners.flatMap((l) => [...l.tracks.map((t) => t.id), ...l.likedTrackKeys]));

      const discoveries = picks.filter((p) => p.isDiscovery);
      expect(discoveries.length).toBeGreaterThan(0);
      for (const d of discoveries) {
        expect(known.has(d.trackKey)).toBe(false);
        expect(d.explanation).toMatch(/^Discovery: /);
      }
    });
  });

  describe('determinism', () => {
    it.each([1, 7, 123456])('gives the same picks for the same seed %i, whatever the candidate order', (seed) => {
      const listeners = [buildListener('ana'), buildListener('ben'), buildListener('cy')];
      const candidates = buildCandidates();
      const input = { listeners, history: [], now: START, seed, count: 8 };

      const first = pick({ ...input, candidates });
      const again = pick({ ...input, candidates: [...candidates].reverse() });

      expect(again).toEqual(first);
    });
  });

  describe('cold start', () => {
    it('scores a newcomer through the guild taste', () => {
      const listeners = [buildNewcomer('zoe', 'Zoe')];
      const guildTaste = {
        topArtists: [{ id: 'muse', name: 'Muse', weight: 5 }],
        topTags: [{ id: 'rock', name: 'rock', weight: 1 }],
      };
      const withTaste = pick({
        listeners: [...listeners, buildListener('cy')],
        candidates: buildCandidates(),
        history: [],
        guildTaste,
        now: START,
        seed: 1,
        count: 6,
      });

      expect(withTaste.ok).toBe(true);
      if (!withTaste.ok) return;
      const zoeServed = withTaste.value.picks.filter((p) => (p.fits.find((f) => f.userId === 'zoe')?.fit ?? 0) >= 0.5);
      expect(zoeServed.length).toBeGreaterThan(0);
      expect(
        zoeServed.every((p) =>
          [
            'muse',
            'foo-fighters',
            'qotsa',
            'royal-blood',
            'band-of-skulls',
            'wolfmother',
            'the-pretty-reckless',
          ].includes(p.artistKey),
        ),
      ).toBe(true);
    });

    it.each([
      { seedRef: undefined, expected: /^Popular in this server$/ },
      {
        seedRef: { kind: 'artist' as const, id: 'kavinsky', name: 'Kavinsky' },
        expected: /^Close to Kavinsky, which Zoe asked for$/,
      },
    ])('gives a room of newcomers popular picks plus the requester seed ($expected)', ({ seedRef, expected }) => {
      const listeners = [buildNewcomer('zoe', 'Zoe'), buildNewcomer('yan', 'Yan')];
      const candidates = buildCandidates().map((c) => (c.artistKey === 'air' ? { ...c, guildPopularity: 0.9 } : c));

      const result = pick({
        listeners,
        candidates,
        history: [],
        now: START,
        seed: 1,
        seedRequest: seedRef ? { userId: 'zoe', ref: seedRef } : undefined,
      });

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.picks[0].explanation).toMatch(expected);
      if (!seedRef) expect(result.value.picks[0].artistKey).toBe('air');
    });
  });
});
