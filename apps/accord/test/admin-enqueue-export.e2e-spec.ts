import type { ApiErrorDto, EnqueueResultDto, QueuePageDto, UserDataExportDto } from '@accord/contracts';
import { GuildFactory, MemberFactory, RoleFactory, UserFactory } from '@accord/testkit/factories';
import { youtubeTrack, type FakeLavalinkNode } from '@accord/testkit/lavalink';
import { PermissionFlagsBits } from 'discord.js';
import { FeedbackRepository } from '../src/domain/history/feedback.repository';
import { PlayRepository } from '../src/domain/history/play.repository';
import { LavalinkService } from '../src/adapters/lavalink/lavalink.service';
import { PlaybackService } from '../src/domain/playback/playback.service';
import { ProfileRepository } from '../src/domain/preferences/profiles/profile.repository';
import { TasteProfileService } from '../src/domain/preferences/profiles/taste-profile.service';
import { ADMIN_ENV, loginWithDiscord, type PanelClient } from './support/admin-session';
import { eventually, lavalinkConnected, startTestBot, type TestBot } from './support/test-bot';

const oneMoreTime = youtubeTrack({ author: 'Daft Punk', title: 'One More Time', length: 320_000 });
const nightcall = youtubeTrack({ author: 'Kavinsky', title: 'Nightcall', length: 258_000 });
const dance = youtubeTrack({ author: 'Justice', title: 'D.A.N.C.E.', length: 242_000 });
const femme = youtubeTrack({ author: 'Air', title: 'La Femme d Argent', length: 430_000 });
const catalogue = [oneMoreTime, nightcall, dance, femme];
const PLAYLIST_ID = 'PLpanelmix00001';

const ana = UserFactory.create({ username: 'ana' }); // Manage Server in the main guild
const ben = UserFactory.create({ username: 'ben' }); // the main guild's DJ role
const cid = UserFactory.create({ username: 'cid' }); // a listener whose data is exported, then forgotten
const oscar = UserFactory.create({ username: 'oscar' }); // the bot owner
const managers = RoleFactory.create({ name: 'managers', permissions: PermissionFlagsBits.ManageGuild });
const djs = RoleFactory.create({ name: 'djs' });
const main = GuildFactory.create({
  name: 'Main',
  roles: [managers, djs],
  members: [
    MemberFactory.create({ user: ana, roles: [managers.id] }),
    MemberFactory.create({ user: ben, roles: [djs.id] }),
    MemberFactory.create({ user: cid }),
    MemberFactory.create({ user: oscar }),
  ],
});
const other = GuildFactory.create({ name: 'Other', members: [MemberFactory.create({ user: ana })] });

describe('Admin API: enqueue from the panel, and the privacy export (end to end on the fakes)', () => {
  let bot: TestBot;
  let voiceChannelId: string;
  let anaClient: PanelClient;
  let benClient: PanelClient;
  let ownerClient: PanelClient;

  const error = (body: string): ApiErrorDto => JSON.parse(body) as ApiErrorDto;
  const playback = (): PlaybackService => bot.app.get(PlaybackService);
  const activeNode = (): FakeLavalinkNode => {
    const name = playback().snapshot(main.id)?.node;
    const found = bot.lavalink.find((fake) => fake.nodeOption.name === name);
    if (!found) throw new Error(`no active node (${String(name)})`);
    return found;
  };
  const enqueue = (client: PanelClient, payload: unknown, guildId = main.id) =>
    client.request({ method: 'POST', url: `/api/v1/guilds/${guildId}/queue`, payload: payload as object });
  const queueTitles = async (): Promise<Array<[string, string | null]>> => {
    const response = await anaClient.request({ method: 'GET', url: `/api/v1/guilds/${main.id}/queue?limit=100` });
    return (JSON.parse(response.body) as QueuePageDto).items.map((item) => [item.track.title, item.requestedBy]);
  };

  beforeAll(async () => {
    voiceChannelId = GuildFactory.voiceChannel(main).id;
    bot = await startTestBot({
      guilds: [main, other],
      lavalinkCatalogue: catalogue,
      env: { ...ADMIN_ENV, OWNER_IDS: oscar.id, LOG_LEVEL: 'warn' },
    });
    for (const node of bot.lavalink) {
      node.catalogue.addPlaylist({ id: PLAYLIST_ID, name: 'Panel mix', tracks: [dance.identifier, femme.identifier] });
    }
    await eventually(() => bot.lavalink.every((fake) => fake.sessionList().length === 1));
    await lavalinkConnected(bot);
    await eventually(() => bot.discord.identifyCount > 0 && bot.app.get(LavalinkService).isAvailable());
    anaClient = await loginWithDiscord(bot, ana.id);
    benClient = await loginWithDiscord(bot, ben.id);
    ownerClient = await loginWithDiscord(bot, oscar.id);
    // Autoplay would fill the queue on its own; these tests look at what the panel adds.
    const settings = await anaClient.request({
      method: 'PATCH',
      url: `/api/v1/guilds/${main.id}/settings`,
      payload: { autoplay: false, djRoleId: djs.id },
    });
    expect(settings.statusCode).toBe(200);
  });
  afterAll(async () => {
    await bot?.close();
  });

  describe('POST /guilds/:guildId/queue', () => {
    it('answers 401 without a session, 403 without the CSRF header and 403 for a guild the user does not manage', async () => {
      const anonymous = await bot.app.inject({
        method: 'POST',
        url: `/api/v1/guilds/${main.id}/queue`,
        payload: { query: 'Nightcall' },
      });
      const noCsrf = await bot.app.inject({
        method: 'POST',
        url: `/api/v1/guilds/${main.id}/queue`,
        payload: { query: 'Nightcall' },
        headers: { cookie: anaClient.cookie },
      });
      const foreign = await benClient.request({
        method: 'POST',
        url: `/api/v1/guilds/${other.id}/queue`,
        payload: { query: 'Nightcall' },
      });

      expect(anonymous.statusCode).toBe(401);
      expect(noCsrf.statusCode).toBe(403);
      expect(error(noCsrf.body).code).toBe('CSRF_TOKEN_INVALID');
      expect(foreign.statusCode).toBe(403);
      expect(error(foreign.body).code).toBe('GUILD_NOT_MANAGED');
    });

    it('answers 400 with a message per field for a blank query, a wrong type and an unknown field', async () => {
      const response = await enqueue(anaClient, { query: '   ', next: 'yes', position: 3 });
      const tooLong = await enqueue(anaClient, { query: 'x'.repeat(501) });
      const missing = await enqueue(anaClient, { next: true });

      expect(response.statusCode).toBe(400);
      const fields = error(response.body).fields ?? {};
      expect(Object.keys(fields).sort()).toEqual(['next', 'position', 'query']);
      expect(fields.query).toEqual(['query must be 1-500 characters once trimmed']);
      expect(fields.next).toEqual(['next must be a boolean value']);
      expect(fields.position).toEqual(['property position should not exist']);
      expect(tooLong.statusCode).toBe(400);
      expect(error(tooLong.body).fields?.query).toEqual(['query must be 1-500 characters once trimmed']);
      expect(error(missing.body).fields?.query).toEqual(expect.arrayContaining(['query must be a string']));
    });

    it('answers 409 NO_PLAYER with a message when the bot is not playing in the guild, and joins nothing', async () => {
      const response = await enqueue(anaClient, { query: 'Daft Punk - One More Time' });

      expect(response.statusCode).toBe(409);
      expect(error(response.body)).toMatchObject({
        code: 'NO_PLAYER',
        message: expect.stringContaining('/play') as unknown,
      });
      expect(playback().snapshot(main.id)).toBeNull();
    });

    it("adds a song to the running session's queue with the panel user as requester", async () => {
      bot.discord.joinVoice(main.id, ana.id, voiceChannelId);
      bot.discord.slashCommand({
        guildId: main.id,
        channelId: GuildFactory.textChannel(main).id,
        userId: ana.id,
        name: 'play',
        options: { query: 'Daft Punk - One More Time' },
      });
      await eventually(() => activeNode().player(main.id)?.track?.title === 'One More Time');

      const response = await enqueue(benClient, { query: '  Kavinsky - Nightcall  ' });

      expect(response.statusCode).toBe(201);
      const result = JSON.parse(response.body) as EnqueueResultDto;
      expect(result).toMatchObject({
        kind: 'track',
        first: { track: { title: 'Nightcall', author: 'Kavinsky' }, requestedBy: ben.id, source: 'request' },
        firstPosition: 1,
        startedPlaying: false,
        next: false,
        queued: 1,
        playlist: null,
        player: { active: true, queueLength: 1, current: { entry: { track: { title: 'One More Time' } } } },
      });
      expect(await queueTitles()).toEqual([['Nightcall', ben.id]]);
      // Still the song /play started: queueing does not interrupt it.
      expect(activeNode().player(main.id)?.track?.title).toBe('One More Time');
    });

    it('puts a song right after the current one with next: true', async () => {
      const response = await enqueue(anaClient, { query: 'Air - La Femme d Argent', next: true });

      expect(response.statusCode).toBe(201);
      expect(JSON.parse(response.body)).toMatchObject({ firstPosition: 1, next: true, queued: 1 });
      expect(await queueTitles()).toEqual([
        ['La Femme d Argent', ana.id],
        ['Nightcall', ben.id],
      ]);
    });

    it('queues a playlist link and says what it added', async () => {
      const response = await enqueue(anaClient, { query: `https://www.youtube.com/playlist?list=${PLAYLIST_ID}` });

      expect(response.statusCode).toBe(201);
      expect(JSON.parse(response.body)).toMatchObject({
        kind: 'playlist',
        first: { track: { title: 'D.A.N.C.E.' }, requestedBy: ana.id },
        firstPosition: 3,
        startedPlaying: false,
        queued: 2,
        playlist: { name: 'Panel mix', found: 2, leftOut: 0, total: 2, loading: false, full: false },
        player: { queueLength: 4 },
      });
      expect((await queueTitles()).map(([title]) => title)).toEqual([
        'La Femme d Argent',
        'Nightcall',
        'D.A.N.C.E.',
        'La Femme d Argent',
      ]);
    });

    it('answers 422 NOTHING_FOUND with a message when the search finds nothing, and changes nothing', async () => {
      const response = await enqueue(anaClient, { query: 'Nobody - A song no catalogue has' });

      expect(response.statusCode).toBe(422);
      expect(error(response.body).code).toBe('NOTHING_FOUND');
      expect(error(response.body).message).toEqual(expect.any(String));
      expect(await queueTitles()).toHaveLength(4);
    });

    it('starts playing at once (a PATCH to Lavalink) when the session is idle', async () => {
      const cleared = await anaClient.request({ method: 'POST', url: `/api/v1/guilds/${main.id}/player/skip` });
      expect(cleared.statusCode).toBe(200);
      while ((playback().snapshot(main.id)?.queue.length ?? 0) > 0) {
        const removed = await anaClient.request({ method: 'DELETE', url: `/api/v1/guilds/${main.id}/queue/1` });
        expect(removed.statusCode).toBe(200);
      }
      const node = activeNode();
      node.finishTrack(main.id);
      await eventually(() => playback().snapshot(main.id)?.current === null);
      node.clearRecordings();

      const response = await enqueue(anaClient, { query: 'Kavinsky - Nightcall' });

      expect(response.statusCode).toBe(201);
      expect(JSON.parse(response.body)).toMatchObject({
        kind: 'track',
        firstPosition: 0,
        startedPlaying: true,
        player: { current: { entry: { track: { title: 'Nightcall' }, requestedBy: ana.id } } },
      });
      await eventually(() => node.player(main.id)?.track?.title === 'Nightcall');
      expect(node.patches(main.id).some((patch) => patch.track?.encoded)).toBe(true);
    });

    it('is documented in swagger with its body, 201 answer and refusals', async () => {
      const response = await bot.app.inject({ method: 'GET', url: '/api/docs-json' });
      const doc = JSON.parse(response.body) as {
        paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
        components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
      };
      const post = doc.paths['/api/v1/guilds/{guildId}/queue']?.post;
      const exported = doc.paths['/api/v1/users/{userId}/export']?.get;

      expect(Object.keys(post?.responses ?? {})).toEqual(
        expect.arrayContaining(['201', '400', '401', '403', '409', '422', '503']),
      );
      expect(doc.components.schemas.EnqueueDto).toMatchObject({
        properties: { query: { maxLength: 500, minLength: 1 }, next: { type: 'boolean' } },
        required: ['query'],
      });
      expect(doc.components.schemas.EnqueueResultResponseDto?.properties).toHaveProperty('firstPosition');
      expect(Object.keys(exported?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
      expect(doc.components.schemas.UserDataExportResponseDto?.properties).toHaveProperty('linkedAccounts');
    });
  });

  describe('GET /users/:userId/export', () => {
    const secrets = {
      accessToken: 'spotify-access-token-never-exported',
      refreshToken: 'spotify-refresh-token-secret',
    };

    beforeAll(async () => {
      const plays = bot.app.get(PlayRepository);
      const base = Date.UTC(2025, 2, 1, 20);
      const play = (n: number, fields: { listeners: string[]; requestedBy?: string; skippedBy?: string }) => {
        const startedAt = new Date(base + n * 600_000);
        return plays.insert({
          id: PlayRepository.newId(),
          guildId: main.id,
          trackKey: `daft punk|track ${n}|none`,
          artistKey: 'daft punk',
          title: `Track ${n}`,
          artist: 'Daft Punk',
          youtubeId: oneMoreTime.identifier,
          durationMs: 300_000,
          startedAt,
          endedAt: new Date(startedAt.getTime() + 200_000),
          lastKnownAt: new Date(startedAt.getTime() + 200_000),
          playedMs: 200_000,
          endReason: fields.skippedBy ? 'skipped' : 'finished',
          source: fields.requestedBy ? 'request' : 'autoplay',
          requestedBy: fields.requestedBy,
          listeners: fields.listeners,
          listened: fields.listeners.map((userId) => ({ userId, ms: userId === cid.id ? 150_000 : 200_000 })),
          skippedBy: fields.skippedBy,
          fits: fields.requestedBy ? [] : fields.listeners.map((userId) => ({ userId, fit: 0.75 })),
          likes: 0,
          dislikes: 0,
        });
      };
      await play(1, { listeners: [cid.id, ana.id] });
      await play(2, { listeners: [ana.id, cid.id], requestedBy: cid.id });
      await play(3, { listeners: [ana.id], skippedBy: cid.id });
      await play(4, { listeners: [ana.id] }); // not cid's
      await bot.app.get(FeedbackRepository).insertMany([
        {
          id: FeedbackRepository.newId(),
          userId: cid.id,
          guildId: main.id,
          trackKey: 'daft punk|track 1|none',
          artistKey: 'daft punk',
          kind: 'like',
          weight: 1,
          at: new Date(base + 700_000),
          source: 'autoplay',
        },
      ]);
      await bot.app.get(TasteProfileService).apply(
        cid.id,
        [
          {
            kind: 'like',
            trackKey: 'daft punk|track 1|none',
            artistKey: 'daft punk',
            artistName: 'Daft Punk',
            title: 'Track 1',
          },
        ],
        'cid',
      );
      const profiles = bot.app.get(ProfileRepository);
      await profiles.setSpotify(cid.id, {
        spotifyUserId: 'cid-on-spotify',
        displayName: 'Cid S.',
        ...secrets,
        expiresAt: base + 3_600_000,
        scopes: ['user-top-read'],
        playlists: ['37i9dQZF1DXcBWIGoYBM5M'],
        linkedAt: base,
      });
      await profiles.setLastfm(cid.id, { username: 'cid_fm', linkedAt: base });
    });

    it('answers 401 without a session, 403 OWNER_ONLY to others and 400 for an id that is not a Discord id', async () => {
      const anonymous = await bot.app.inject({ method: 'GET', url: `/api/v1/users/${cid.id}/export` });
      const manager = await anaClient.request({ method: 'GET', url: `/api/v1/users/${cid.id}/export` });
      const bad = await ownerClient.request({ method: 'GET', url: '/api/v1/users/not-a-user/export' });

      expect(anonymous.statusCode).toBe(401);
      expect(manager.statusCode).toBe(403);
      expect(error(manager.body).code).toBe('OWNER_ONLY');
      expect(bad.statusCode).toBe(400);
      expect(error(bad.body)).toMatchObject({ code: 'INVALID_USER_ID', fields: { userId: [expect.any(String)] } });
    });

    it("exports the user's profile, linked accounts without tokens, feedback and their part in plays", async () => {
      const response = await ownerClient.request({ method: 'GET', url: `/api/v1/users/${cid.id}/export` });

      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain(secrets.accessToken);
      expect(response.body).not.toContain(secrets.refreshToken);
      const data = JSON.parse(response.body) as UserDataExportDto;
      expect(data).toMatchObject({
        userId: cid.id,
        optedOut: false,
        profile: {
          displayName: 'cid',
          liked: [{ trackKey: 'daft punk|track 1|none', name: 'Daft Punk - Track 1' }],
          artists: [{ id: 'daft punk', name: 'Daft Punk' }],
        },
        linkedAccounts: {
          spotify: {
            spotifyUserId: 'cid-on-spotify',
            displayName: 'Cid S.',
            scopes: ['user-top-read'],
            playlists: ['37i9dQZF1DXcBWIGoYBM5M'],
            linkedAt: '2025-03-01T20:00:00.000Z',
            lastImportAt: null,
          },
          lastfm: { username: 'cid_fm', linkedAt: '2025-03-01T20:00:00.000Z', lastImportAt: null },
        },
        feedback: {
          total: 1,
          truncated: false,
          items: [{ kind: 'like', trackKey: 'daft punk|track 1|none', guildId: main.id, source: 'autoplay' }],
        },
        plays: { total: 3, truncated: false },
      });
      expect(Object.keys(data.linkedAccounts.spotify ?? {}).sort()).toEqual([
        'displayName',
        'lastImportAt',
        'linkedAt',
        'playlists',
        'scopes',
        'spotifyUserId',
      ]);
      expect(data.plays.items.map((play) => [play.title, play.roles, play.listenedMs, play.fit])).toEqual([
        ['Track 3', ['skipper'], null, null],
        ['Track 2', ['listener', 'requester'], 150_000, null],
        ['Track 1', ['listener'], 150_000, 0.75],
      ]);
      // Other people in those plays are not named.
      expect(response.body).not.toContain(ana.id);
    });

    it('covers what a delete removes: after DELETE the export is empty but for the opt-out flag', async () => {
      const deleted = await ownerClient.request({ method: 'DELETE', url: `/api/v1/users/${cid.id}` });
      const after = await ownerClient.request({ method: 'GET', url: `/api/v1/users/${cid.id}/export` });

      expect(deleted.statusCode).toBe(200);
      expect(JSON.parse(deleted.body)).toMatchObject({ plays: 3, feedback: 1, profile: true });
      expect(JSON.parse(after.body)).toMatchObject({
        profile: null,
        linkedAccounts: { spotify: null, lastfm: null },
        feedback: { total: 0, items: [] },
        plays: { total: 0, items: [] },
      });
    });
  });
});
