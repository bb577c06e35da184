import {
  buildCandidates,
  buildListener,
  buildRoomModel,
  genreArtistKeys,
  type ListenerId,
} from '../fixtures/factories';
import { pick } from './pick';
import { type Pick, type PickInput } from './types';

const START = Date.UTC(2025, 0, 10, 20, 0, 0);

function fitOf(p: Pick, userId: string): number {
  return p.fits.find((f) => f.userId === userId)?.fit ?? 0;
}

function inputFor(ids: ListenerId[], overrides: Partial<PickInput> = {}): PickInput {
  const listeners = ids.map((id) => buildListener(id));
  return {
    listeners,
    candidates: buildCandidates(),
    history: [],
    now: START,
    seed: 3,
    count: 6,
    model: buildRoomModel(listeners),
    ...overrides,
  };
}

describe(`${pick.name} with a learned model`, () => {
  it.each([
    { room: ['ana', 'cy'] as ListenerId[], count: 4, atLeast: 2 },
    { room: ['ana', 'ben', 'cy'] as ListenerId[], count: 6, atLeast: 2 },
    // Two electro fans do not outvote the jazz fan: proportional, not majority.
    { room: ['ana', 'dee', 'cy'] as ListenerId[], count: 4, atLeast: 1 },
  ])('gives each of $room at least $atLeast of $count picks that fit them well', ({ room, count, atLeast }) => {
    const result = pick(inputFor(room, { count }));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const id of room) {
      const served = result.value.picks.filter((p) => fitOf(p, id) >= 0.5).length;
      expect(served).toBeGreaterThanOrEqual(atLeast);
    }
  });

  it('serves the jazz fan within three picks by proportion alone (no turns, no misery guard)', () => {
    const settings = {
      proportionalTurnShare: 0,
      miseryThreshold: 0,
      discoveryShare: 0,
      discoveryShareMin: 0,
      discoveryShareMax: 0,
    };
    const result = pick(inputFor(['ana', 'dee', 'cy'], { count: 3, settings }));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.picks.some((p) => fitOf(p, 'cy') >= 0.5)).toBe(true);
  });

  it("ranks by the model: a listener's picks come from their own genre", () => {
    const result = pick(inputFor(['ben'], { count: 4, settings: { discoveryShare: 0 } }));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rock = new Set(genreArtistKeys('rock'));
    expect(result.value.picks.every((p) => rock.has(p.artistKey))).toBe(true);
  });

  it('never picks a track a present listener dislikes, whatever the model says', () => {
    const listeners = [
      buildListener('ana', { dislikedTrackKeys: ['daft-punk::t0', 'justice::t0'] }),
      buildListener('cy'),
    ];
    const result = pick({ ...inputFor(['ana', 'cy'], { count: 10 }), listeners, model: buildRoomModel(listeners) });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const keys = result.value.picks.map((p) => p.trackKey);
    expect(keys).not.toContain('daft-punk::t0');
    expect(keys).not.toContain('justice::t0');
  });

  it("explains a discovery with the served listener's closest artist from the model", () => {
    const result = pick(inputFor(['cy'], { count: 1, settings: { discoveryShare: 1, discoveryShareMin: 1 } }));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [first] = result.value.picks;
    expect(first.isDiscovery).toBe(true);
    expect(first.explanation).toMatch(/Discovery: .*(Miles Davis|John Coltrane|Herbie Hancock|Bill Evans)/);
  });

  it('fits a listener without cached scores the classic way', () => {
    const listeners = [buildListener('ana'), buildListener('ben')];
    const result = pick({
      ...inputFor(['ana', 'ben'], { count: 4 }),
      listeners,
      model: buildRoomModel(listeners, ['ben']),
    });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.picks.filter((p) => fitOf(p, 'ben') >= 0.5).length).toBeGreaterThanOrEqual(1);
  });

  it('gives the same picks whatever the order of the candidates', () => {
    const input = inputFor(['ana', 'ben', 'cy']);
    const forward = pick(input);
    const backward = pick({ ...input, candidates: [...input.candidates].reverse() });

    expect(forward.ok && backward.ok).toBe(true);
    if (!forward.ok || !backward.ok) return;
    expect(backward.value.picks.map((p) => p.trackKey)).toEqual(forward.value.picks.map((p) => p.trackKey));
  });
});
