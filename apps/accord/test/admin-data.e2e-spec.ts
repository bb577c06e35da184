import type {
  ApiErrorDto,
  CatalogTrackDto,
  ForgetUserResultDto,
  GuildStatsDto,
  HistoryPageDto,
  TrackCandidatesDto,
  UserProfileDto,
} from '@accord/contracts';
import type { PlaySource, TrackEndReason } from '@accord/core';
import { GuildFactory, MemberFactory, RoleFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack } from '@accord/testkit/lavalink';
import { PermissionFlagsBits } from 'discord.js';
import { TrackResolverService } from '../src/domain/catalog/track-resolver.service';
import { HistoryDaysService } from '../src/domain/history/history-days.service';
import { PlayRepository } from '../src/domain/history/play.repository';
import { LavalinkService } from '../src/adapters/lavalink/lavalink.service';
import { TasteProfileService } from '../src/domain/preferences/profiles/taste-profile.service';
import { ADMIN_ENV, loginWithDiscord, type PanelClient } from './support/admin-session';
import { storedPlay } from './support/stored-play';
import { eventually, lavalinkConnected, startTestBot, type TestBot } from './support/test-bot';

const oneMoreTime = {
  topic: youtubeTrack({ author: 'Daft Punk - Topic', title: 'One More Time', length: 320_357 }),
  official: youtubeTrack({ author: 'Daft Punk', title: 'Daft Punk - One More Time (Official Video)', length: 320_000 }),
};
const catalogue = [
  ...Object.values(oneMoreTime),
  youtubeTrack({ author: 'Kavinsky - Topic', title: 'Nightcall', length: 258_000 }),
  youtubeTrack({ author: 'Air - Topic', title: "La Femme d'Argent", length: 431_000 }),
];

const DAY_MS = 86_400_000;
const ana = UserFactory.create({ username: 'ana' }); // Manage Server in the main guild only
const cid = UserFactory.create({ username: 'cid' }); // a listener whose data is looked at and forgotten
const oscar = UserFactory.create({ username: 'oscar' }); // the bot owner
const managers = RoleFactory.create({ name: 'managers', permissions: PermissionFlagsBits.ManageGuild });
const main = GuildFactory.create({
  name: 'Main',
  roles: [managers],
  members: [
    MemberFactory.create({ user: ana, roles: [managers.id] }),
    MemberFactory.create({ user: cid }),
    MemberFactory.create({ user: oscar }),
  ],
});
const other = GuildFactory.create({ name: 'Other', members: [MemberFactory.create({ user: oscar })] });

interface SeedPlay {
  trackKey: string;
  artistKey: string;
  artist: string;
  title: string;
  daysAgo: number;
  source: PlaySource;
  endReason: TrackEndReason;
  likes?: number;
  listeners?: string[];
  /** Autoplay's fit per listener when it picked the song. */
  fits?: Array<{ userId: string; fit: number }>;
}

describe('Admin data API: history, stats, tracks, users (end to end on the fakes)', () => {
  let bot: TestBot;
  let anaClient: PanelClient;
  let ownerClient: PanelClient;
  const error = (body: string): ApiErrorDto => JSON.parse(body) as ApiErrorDto;

  /** Into the plays log; the history days are then built from it as at the first start after an upgrade. */
  const seed = async (guildId: string, plays: SeedPlay[]): Promise<void> => {
    const repository = bot.app.get(PlayRepository);
    const now = Date.now();
    for (const [index, play] of plays.entries()) {
      const startedAt = new Date(now - play.daysAgo * DAY_MS - index * 60_000);
      await repository.insert(
        storedPlay({
          guildId,
          trackKey: play.trackKey,
          artistKey: play.artistKey,
          title: play.title,
          artist: play.artist,
          startedAt,
          playedMs: 100_000,
          endReason: play.endReason,
          source: play.source,
          requestedBy: play.source === 'request' ? ana.id : undefined,
          listeners: play.listeners ?? [ana.id, cid.id],
          fits: play.fits ?? [],
          likes: play.likes ?? 0,
        }),
      );
    }
    await bot.app.get(HistoryDaysService).rebuild();
  };
  const daft = {
    trackKey: 'daftpunk|onemoretime|none',
    artistKey: 'daftpunk',
    artist: 'Daft Punk',
    title: 'One More Time',
  };
  /** Fits for [ana, cid], in that order. */
  const fitsOf = (fits: number[]): Array<{ userId: string; fit: number }> =>
    fits.map((fit, index) => ({ userId: [ana.id, cid.id][index], fit }));
  const air = { trackKey: 'air|lafemmedargent|none', artistKey: 'air', artist: 'Air', title: "La Femme d'Argent" };
  const kav = { trackKey: 'kavinsky|nightcall|none', artistKey: 'kavinsky', artist: 'Kavinsky', title: 'Nightcall' };

  beforeAll(async () => {
    bot = await startTestBot({
      guilds: [main, other],
      lavalinkCatalogue: catalogue,
      env: { ...ADMIN_ENV, OWNER_IDS: oscar.id, LOG_LEVEL: 'warn' },
    });
    await eventually(() => bot.lavalink.every((fake) => fake.sessionList().length === 1));
    await lavalinkConnected(bot);
    await eventually(() => bot.discord.identifyCount > 0 && bot.app.get(LavalinkService).isAvailable());
    anaClient = await loginWithDiscord(bot, ana.id);
    ownerClient = await loginWithDiscord(bot, oscar.id);
    await seed(main.id, [
      { ...daft, daysAgo: 0, source: 'request', endReason: 'finished' },
      { ...daft, daysAgo: 0, source: 'request', endReason: 'finished' },
      { ...air, daysAgo: 0, source: 'discovery', endReason: 'skipped', listeners: [ana.id], fits: fitsOf([0.2]) },
      { ...kav, daysAgo: 1, source: 'discovery', endReason: 'finished', fits: fitsOf([0.8, 0.6]) },
      { ...air, daysAgo: 1, source: 'discovery', endReason: 'stopped', likes: 1, fits: fitsOf([0.5, 0.1]) },
      { ...daft, daysAgo: 2, source: 'autoplay', endReason: 'skipped', fits: fitsOf([0.9, 0.3]) },
      { ...kav, daysAgo: 20, source: 'request', endReason: 'finished' },
    ]);
    await seed(other.id, [{ ...kav, daysAgo: 0, source: 'request', endReason: 'finished' }]);
  });
  afterAll(async () => {
    await bot?.close();
  });

  describe('GET /guilds/:guildId/history', () => {
    it('answers 401 without a session and 403 for a guild the user does not manage', async () => {
      const anonymous = await bot.app.inject({ method: 'GET', url: `/api/v1/guilds/${main.id}/history` });
      const foreign = await anaClient.request({ method: 'GET', url: `/api/v1/guilds/${other.id}/history` });

      expect(anonymous.statusCode).toBe(401);
      expect(foreign.statusCode).toBe(403);
      expect(error(foreign.body).code).toBe('GUILD_NOT_MANAGED');
    });

    it('answers 400 naming each bad query value', async () => {
      const response = await anaClient.request({
        method: 'GET',
        url: `/api/v1/guilds/${main.id}/history?limit=0&before=yesterday&userId=abc&source=radio&endReason=bored&x=1`,
      });

      expect(response.statusCode).toBe(400);
      expect(Object.keys(error(response.body).fields ?? {}).sort()).toEqual(
        ['before', 'endReason', 'limit', 'source', 'userId', 'x'].sort(),
      );
    });

    it('pages the guild plays newest first, filters them, and never shows another guild', async () => {
      const first = await anaClient.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/history?limit=3` });
      const page = first.json<HistoryPageDto>();
      const rest = (
        await anaClient.request({
          method: 'GET',
          url: `/api/v1/guilds/${main.id}/history?limit=500&before=${encodeURIComponent(page.nextBefore!)}`,
        })
      ).json<HistoryPageDto>();
      const skips = (
        await anaClient.request({
          method: 'GET',
          url: `/api/v1/guilds/${main.id}/history?endReason=skipped&source=discovery`,
        })
      ).json<HistoryPageDto>();
      const daftOnly = (
        await anaClient.request({
          method: 'GET',
          url: `/api/v1/guilds/${main.id}/history?trackKey=${encodeURIComponent(daft.trackKey)}&userId=${cid.id}`,
        })
      ).json<HistoryPageDto>();

      expect(first.statusCode).toBe(200);
      expect(page.plays.map((play) => play.title)).toEqual(['One More Time', 'One More Time', "La Femme d'Argent"]);
      expect(page.plays[0]).toMatchObject({ source: 'request', endReason: 'finished', requestedBy: ana.id });
      expect(rest.plays).toHaveLength(4);
      expect(rest.nextBefore).toBeNull();
      const all = [...page.plays, ...rest.plays].map((play) => Date.parse(play.startedAt));
      expect(all).toEqual([...all].sort((a, b) => b - a));
      expect(skips.plays).toEqual([expect.objectContaining({ trackKey: air.trackKey, listeners: [ana.id] })]);
      expect(daftOnly.plays).toHaveLength(3);
    });
  });

  describe('GET /guilds/:guildId/stats', () => {
    it('answers 401, 403 for another guild and 400 for bad days', async () => {
      const anonymous = await bot.app.inject({ method: 'GET', url: `/api/v1/guilds/${main.id}/stats` });
      const foreign = await anaClient.request({ method: 'GET', url: `/api/v1/guilds/${other.id}/stats` });
      const bad = await anaClient.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/stats?days=week` });
      const zero = await anaClient.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/stats?days=0` });

      expect(anonymous.statusCode).toBe(401);
      expect(foreign.statusCode).toBe(403);
      expect(bad.statusCode).toBe(400);
      expect(error(bad.body).fields).toHaveProperty('days');
      expect(zero.statusCode).toBe(400);
    });

    it('counts plays per day, top tracks and artists, skip rate and discovery acceptance', async () => {
      const response = await anaClient.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/stats?days=7` });
      const stats = response.json<GuildStatsDto>();
      const capped = (
        await anaClient.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/stats?days=5000` })
      ).json<GuildStatsDto>();

      expect(response.statusCode).toBe(200);
      expect(stats.totalPlays).toBe(6);
      expect(stats.truncated).toBe(false);
      expect(stats.playsPerDay).toHaveLength(7);
      expect(stats.playsPerDay.reduce((sum, day) => sum + day.plays, 0)).toBe(6);
      expect(stats.topTracks[0]).toEqual({ ...pick(daft), plays: 3 });
      expect(stats.topArtists[0]).toEqual({ artistKey: 'daftpunk', artist: 'Daft Punk', plays: 3 });
      expect(stats.skipRate).toBeCloseTo(2 / 6, 3);
      expect(stats.discovery).toEqual({ played: 3, accepted: 2, skipped: 1, acceptanceRate: 0.667 });
      // ana heard all six plays of the week; 3 of autoplay's 4 picks for her fitted (0.8, 0.5, 0.9; not 0.2).
      // cid heard five; 2 of 3 picks fitted (0.6 and 0.3, the threshold itself; not 0.1).
      expect(stats.listeners).toEqual([
        { userId: ana.id, plays: 6, picks: 4, fittingPicks: 3, fittingShare: 0.75 },
        { userId: cid.id, plays: 5, picks: 3, fittingPicks: 2, fittingShare: 0.667 },
      ]);
      expect(capped.days).toBe(90);
      expect(capped.totalPlays).toBe(7);
    });
  });

  describe('tracks (owners)', () => {
    let daftTrack: CatalogTrackDto;

    beforeAll(async () => {
      for (const query of ['Daft Punk - One More Time', 'Kavinsky - Nightcall', "Air - La Femme d'Argent"]) {
        const outcome = await bot.app.get(TrackResolverService).resolve(query, ana.id);
        if (!outcome.ok) throw new Error(`could not resolve ${query}`);
      }
    });

    it('answers 401 without a session and 403 OWNER_ONLY for a guild manager', async () => {
      const anonymous = await bot.app.inject({ method: 'GET', url: '/api/v1/tracks?q=daft' });
      const routes = [
        { method: 'GET' as const, url: '/api/v1/tracks?q=daft' },
        { method: 'GET' as const, url: '/api/v1/tracks/0123456789abcdef01234567/candidates' },
        {
          method: 'POST' as const,
          url: '/api/v1/tracks/0123456789abcdef01234567/pin',
          payload: { youtubeId: 'aaaaaaaaaaa' },
        },
        {
          method: 'POST' as const,
          url: '/api/v1/tracks/merge',
          payload: { fromTrackId: '0123456789abcdef01234567', toTrackId: '0123456789abcdef01234568' },
        },
      ];

      expect(anonymous.statusCode).toBe(401);
      for (const route of routes) {
        const response = await anaClient.request(route);
        expect({ url: route.url, status: response.statusCode, code: error(response.body).code }).toEqual({
          url: route.url,
          status: 403,
          code: 'OWNER_ONLY',
        });
      }
    });

    it('answers 400 for a missing query, a bad video id, bad track ids, and without the CSRF header', async () => {
      const noQuery = await ownerClient.request({ method: 'GET', url: '/api/v1/tracks' });
      const badPin = await ownerClient.request({
        method: 'POST',
        url: '/api/v1/tracks/0123456789abcdef01234567/pin',
        payload: { youtubeId: 'no', extra: true },
      });
      const badMerge = await ownerClient.request({
        method: 'POST',
        url: '/api/v1/tracks/merge',
        payload: { fromTrackId: 'x', toTrackId: 42 },
      });
      const noCsrf = await bot.app.inject({
        method: 'POST',
        url: '/api/v1/tracks/merge',
        headers: { cookie: ownerClient.cookie },
        payload: { fromTrackId: '0123456789abcdef01234567', toTrackId: '0123456789abcdef01234568' },
      });

      expect(noQuery.statusCode).toBe(400);
      expect(error(noQuery.body).fields).toHaveProperty('q');
      expect(badPin.statusCode).toBe(400);
      expect(Object.keys(error(badPin.body).fields ?? {}).sort()).toEqual(['extra', 'youtubeId']);
      expect(badMerge.statusCode).toBe(400);
      expect(Object.keys(error(badMerge.body).fields ?? {}).sort()).toEqual(['fromTrackId', 'toTrackId']);
      expect(noCsrf.statusCode).toBe(403);
      expect(error(noCsrf.body).code).toBe('CSRF_TOKEN_INVALID');
    });

    it('searches the catalog by text', async () => {
      const response = await ownerClient.request({ method: 'GET', url: '/api/v1/tracks?q=daft%20punk&limit=500' });
      const found = response.json<CatalogTrackDto[]>();

      expect(response.statusCode).toBe(200);
      expect(found).toEqual([
        expect.objectContaining({ key: daft.trackKey, artist: 'Daft Punk', youtubeId: oneMoreTime.topic.identifier }),
      ]);
      daftTrack = found[0];
    });

    it('lists the candidates with the current pin, re-pins to another, and 404s an unknown track', async () => {
      const response = await ownerClient.request({ method: 'GET', url: `/api/v1/tracks/${daftTrack.id}/candidates` });
      const candidates = response.json<TrackCandidatesDto>();
      const pinned = await ownerClient.request({
        method: 'POST',
        url: `/api/v1/tracks/${daftTrack.id}/pin`,
        payload: { youtubeId: oneMoreTime.official.identifier },
      });
      const unknown = await ownerClient.request({
        method: 'GET',
        url: '/api/v1/tracks/0123456789abcdef01234567/candidates',
      });

      expect(response.statusCode).toBe(200);
      expect(candidates.track.id).toBe(daftTrack.id);
      expect(candidates.candidates).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ youtubeId: oneMoreTime.topic.identifier, current: true }),
          expect.objectContaining({ youtubeId: oneMoreTime.official.identifier, current: false }),
        ]),
      );
      expect(pinned.statusCode).toBe(200);
      expect(pinned.json<CatalogTrackDto>()).toMatchObject({
        id: daftTrack.id,
        youtubeId: oneMoreTime.official.identifier,
        pinnedBy: 'user',
        pinHistory: [
          {
            at: expect.any(String) as unknown,
            fromYoutubeId: oneMoreTime.topic.identifier,
            youtubeId: oneMoreTime.official.identifier,
            by: 'user',
            userId: oscar.id,
            userName: 'oscar',
            guildId: null,
            guildName: null,
            via: 'panel',
          },
        ],
      });
      expect(unknown.statusCode).toBe(404);
      expect(error(unknown.body).code).toBe('TRACK_NOT_FOUND');
    });

    it('merges one song into another, and refuses merging a song into itself', async () => {
      const search = async (q: string): Promise<CatalogTrackDto> =>
        (await ownerClient.request({ method: 'GET', url: `/api/v1/tracks?q=${encodeURIComponent(q)}` })).json<
          CatalogTrackDto[]
        >()[0];
      const air = await search('air');
      const kavinsky = await search('kavinsky');

      const merged = await ownerClient.request({
        method: 'POST',
        url: '/api/v1/tracks/merge',
        payload: { fromTrackId: air.id, toTrackId: kavinsky.id },
      });
      const self = await ownerClient.request({
        method: 'POST',
        url: '/api/v1/tracks/merge',
        payload: { fromTrackId: kavinsky.id, toTrackId: kavinsky.id },
      });
      const gone = await ownerClient.request({ method: 'GET', url: '/api/v1/tracks?q=air' });

      expect(merged.statusCode).toBe(200);
      expect(merged.json<CatalogTrackDto>()).toMatchObject({ id: kavinsky.id, key: kavinsky.key });
      expect(gone.json<CatalogTrackDto[]>()).toEqual([]);
      expect(self.statusCode).toBe(400);
      expect(error(self.body).code).toBe('CANNOT_MERGE_INTO_ITSELF');
      // The history follows: the merged song's plays now show under the surviving one.
      const historyOf = async (trackKey: string): Promise<HistoryPageDto> =>
        (
          await anaClient.request({
            method: 'GET',
            url: `/api/v1/guilds/${main.id}/history?trackKey=${encodeURIComponent(trackKey)}`,
          })
        ).json<HistoryPageDto>();
      await eventually(async () => (await historyOf(kavinsky.key)).plays.length === 4);
      expect((await historyOf(air.key)).plays).toEqual([]);
      expect((await historyOf(kavinsky.key)).plays.map((play) => play.title)).toEqual(
        expect.arrayContaining(["La Femme d'Argent", 'Nightcall']),
      );
    });
  });

  describe('users (owners)', () => {
    beforeAll(async () => {
      await bot.app.get(TasteProfileService).apply(cid.id, [
        { kind: 'like', ...pickSignal(daft) },
        { kind: 'complete', ...pickSignal(daft) },
      ]);
    });

    it('answers 401 without a session, 403 for a manager and 400 for a bad user id', async () => {
      const anonymous = await bot.app.inject({ method: 'GET', url: `/api/v1/users/${cid.id}` });
      const manager = await anaClient.request({ method: 'GET', url: `/api/v1/users/${cid.id}` });
      const managerDelete = await anaClient.request({ method: 'DELETE', url: `/api/v1/users/${cid.id}` });
      const bad = await ownerClient.request({ method: 'GET', url: '/api/v1/users/not-a-user' });
      const badDelete = await ownerClient.request({ method: 'DELETE', url: '/api/v1/users/not-a-user' });

      expect(anonymous.statusCode).toBe(401);
      expect(manager.statusCode).toBe(403);
      expect(managerDelete.statusCode).toBe(403);
      expect(bad.statusCode).toBe(400);
      expect(error(bad.body).code).toBe('INVALID_USER_ID');
      expect(error(bad.body).fields).toHaveProperty('userId');
      expect(badDelete.statusCode).toBe(400);
    });

    it("shows a user's profile, then forgets them as /forget-me does", async () => {
      const before = await ownerClient.request({ method: 'GET', url: `/api/v1/users/${cid.id}` });
      const forgotten = await ownerClient.request({ method: 'DELETE', url: `/api/v1/users/${cid.id}` });
      const after = await ownerClient.request({ method: 'GET', url: `/api/v1/users/${cid.id}` });
      const history = (
        await ownerClient.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/history?userId=${cid.id}` })
      ).json<HistoryPageDto>();

      expect(before.statusCode).toBe(200);
      expect(before.json<UserProfileDto>()).toMatchObject({
        userId: cid.id,
        exists: true,
        likes: 1,
        topArtists: [expect.objectContaining({ id: 'daftpunk', name: 'Daft Punk' })],
      });
      expect(forgotten.statusCode).toBe(200);
      expect(forgotten.json<ForgetUserResultDto>()).toMatchObject({ userId: cid.id, plays: 7, profile: true });
      expect(after.json<UserProfileDto>()).toMatchObject({ exists: false, likes: 0, topArtists: [] });
      expect(history.plays).toEqual([]);
    });
  });
});

function pick(track: { trackKey: string; artist: string; title: string }): {
  trackKey: string;
  title: string;
  artist: string;
} {
  return { trackKey: track.trackKey, title: track.title, artist: track.artist };
}

function pickSignal(track: { trackKey: string; artistKey: string; artist: string; title: string }): {
  trackKey: string;
  artistKey: string;
  artistName: string;
  title: string;
} {
  return { trackKey: track.trackKey, artistKey: track.artistKey, artistName: track.artist, title: track.title };
}
