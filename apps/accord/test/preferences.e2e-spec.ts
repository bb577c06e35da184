import { GuildFactory, MemberFactory, UserFactory } from '@accord/testkit/factories';
import { lastfmUserStandIn, type LastfmUserStandIn } from '@accord/testkit/lastfm';
import { spotifyAccountsStandIn, type SpotifyAccountsStandIn } from '@accord/testkit/spotify-accounts';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import nock from 'nock';
import type { LinkedAccounts } from '../src/domain/preferences/profiles/linked-account.types';
import { TasteProfileService } from '../src/domain/preferences/profiles/taste-profile.service';
import { eventually, startTestBot, type TestBot } from './support/test-bot';

const ana = UserFactory.create({ username: 'ana' });
const ben = UserFactory.create({ username: 'ben' });
const cy = UserFactory.create({ username: 'cy' });
const SAVED_TRACKS = 10_000;
const PRIVATE_PLAYLIST = '5ZtNbzMCzyVBYafR2u8Rnh';
const PUBLIC_PLAYLIST = '37i9dQZF1DX0XUsuxWHRQd';
const PUBLIC_URL = 'https://accord.example.test';

describe('Preferences: Spotify and Last.fm linking and imports (end to end on stand-ins)', () => {
  let bot: TestBot;
  let spotify: SpotifyAccountsStandIn;
  let lastfm: LastfmUserStandIn;
  let textChannelId: string;
  let db: Connection;

  const slash = (
    userId: string,
    name: string,
    extra: { subcommand?: string; options?: Record<string, string | boolean> } = {},
  ) => bot.discord.slashCommand({ guildId: bot.guild.id, channelId: textChannelId, userId, name, ...extra });
  const replyText = async (id: string): Promise<string> => {
    const reply = await bot.discord.waitForInteractionReply(id);
    return String((reply.data as { content?: string } | undefined)?.content ?? '');
  };
  const currentText = (id: string): string => bot.discord.originalMessage(id)?.content ?? '';
  const accounts = async (userId: string): Promise<LinkedAccounts> =>
    ((await db.collection('profiles').findOne({ _id: userId as never }))?.accounts ?? {}) as LinkedAccounts;
  const callback = (query: string) => bot.app.inject({ method: 'GET', url: `/api/v1/spotify/callback?${query}` });
  const linkSpotify = async (userId: string): Promise<{ id: string; state: string }> => {
    const { id } = slash(userId, 'link', { subcommand: 'spotify' });
    const text = await replyText(id);
    const url = new URL(/\((https:\/\/accounts\.spotify\.com\/authorize[^)]+)\)/.exec(text)?.[1] ?? 'https://x');
    return { id, state: url.searchParams.get('state') ?? '' };
  };

  beforeAll(async () => {
    spotify = spotifyAccountsStandIn({
      users: [
        {
          id: 'ana.listens',
          displayName: 'Ana on Spotify',
          topTracks: [
            { artist: 'Daft Punk', title: 'One More Time - Radio Edit' },
            { artist: 'Justice', title: 'D.A.N.C.E.' },
          ],
          savedTracks: { count: SAVED_TRACKS },
        },
      ],
      playlists: [
        {
          id: PRIVATE_PLAYLIST,
          name: "Ana's private mix",
          ownerId: 'ana.listens',
          songs: [{ artist: 'Air', title: 'Sexy Boy' }],
        },
        {
          id: PUBLIC_PLAYLIST,
          name: 'Electro Classics',
          songs: [
            { artist: 'Kavinsky', title: 'Nightcall' },
            { artist: 'Phoenix', title: '1901' },
          ],
        },
      ],
    });
    lastfm = lastfmUserStandIn(['RJ']);
    const guild = GuildFactory.create({ members: [ana, ben, cy].map((user) => MemberFactory.create({ user })) });
    textChannelId = GuildFactory.textChannel(guild).id;
    bot = await startTestBot({
      guilds: [guild],
      env: {
        SPOTIFY_CLIENT_ID: 'stand-in-client-id',
        SPOTIFY_CLIENT_SECRET: 'stand-in-client-secret',
        TOKEN_ENCRYPTION_KEY: 'e2e-token-encryption-key-0123456789abcdef',
        PUBLIC_URL,
        LASTFM_API_KEY: 'stand-in-lastfm-key',
      },
    });
    db = bot.app.get<Connection>(getConnectionToken());
  });
  afterAll(async () => {
    await bot?.close();
    spotify?.stop();
    lastfm?.stop();
    nock.enableNetConnect();
  });

  it('links Spotify: authorise, callback, tokens stored encrypted, 10,000 saved tracks imported with progress', async () => {
    const { id, state } = await linkSpotify(ana.id);
    expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(currentText(id)).toContain(`redirect_uri=${PUBLIC_URL}/api/v1/spotify/callback`);
    expect(currentText(id)).toContain('user-library-read');
    spotify.rateLimit(1, 1);

    const page = await callback(`code=${spotify.approve('ana.listens')}&state=${state}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Spotify is linked');

    // Other commands are answered while the import goes on in the background.
    const during = slash(ana.id, 'privacy');
    expect(await replyText(during.id)).toBe('');
    await eventually(() => currentText(id).startsWith('✅'), 30_000);
    expect(currentText(id)).toContain('10,000 saved tracks');
    const edits = bot.discord.requests.filter(
      (request) =>
        request.method === 'PATCH' &&
        request.path.includes('/messages/@original') &&
        JSON.stringify(request.body).includes('⏳'),
    );
    expect(edits.length).toBeGreaterThan(0);
    expect(spotify.requests.filter((request) => request === 'GET /v1/me/tracks').length).toBeGreaterThanOrEqual(
      SAVED_TRACKS / 50,
    );

    const stored = (await accounts(ana.id)).spotify;
    expect(stored).toMatchObject({ spotifyUserId: 'ana.listens', displayName: 'Ana on Spotify' });
    expect(stored?.accessToken.startsWith('v1.')).toBe(true);
    expect(stored?.refreshToken).not.toContain('stand-in-refresh');
    const profile = await bot.app.get(TasteProfileService).profile(ana.id);
    expect(profile?.imported.sources[0]).toMatchObject({ kind: 'spotify', tracks: SAVED_TRACKS + 6 });
    expect(profile?.imported.tracks.map((track) => track.id)).toContain('daftpunk|onemoretime|none');
  });

  it('refuses a callback with a reused or unknown state (400) and stores nothing', async () => {
    const { state } = await linkSpotify(ben.id);
    const first = await callback(`code=${spotify.approve('ana.listens')}&state=not-a-state`);
    expect(first.statusCode).toBe(400);
    expect(first.body).toContain('no longer valid');
    const denied = await callback(`error=access_denied&state=${state}`);
    expect(denied.statusCode).toBe(400);
    const reused = await callback(`code=${spotify.approve('ana.listens')}&state=${state}`);
    expect(reused.statusCode).toBe(400);
    expect((await accounts(ben.id)).spotify).toBeUndefined();
  });

  it('imports a public Spotify playlist for a user who has not linked', async () => {
    const { id } = slash(ben.id, 'import', {
      options: { link: `https://open.spotify.com/playlist/${PUBLIC_PLAYLIST}` },
    });
    await eventually(() => currentText(id).startsWith('✅'), 15_000);
    expect(currentText(id)).toContain('Spotify: Electro Classics: 2 songs');
    const profile = await bot.app.get(TasteProfileService).profile(ben.id);
    expect(profile?.imported.artists.map((artist) => artist.id).sort()).toEqual(['kavinsky', 'phoenix']);
  });

  it('tells the user to link again when Spotify revoked the link, and unlinks', async () => {
    spotify.revoke('ana.listens');
    const { id } = slash(ana.id, 'import', {
      options: { link: `https://open.spotify.com/playlist/${PRIVATE_PLAYLIST}` },
    });
    await eventually(() => currentText(id).startsWith('❌'), 15_000);
    expect(currentText(id)).toContain('Use `/link spotify` to link it again');
    expect((await accounts(ana.id)).spotify).toBeUndefined();
  });

  it('imports Last.fm top artists, top tracks and loved tracks, and says clearly when the user does not exist', async () => {
    const { id } = slash(cy.id, 'link', { subcommand: 'lastfm', options: { username: 'RJ' } });
    await eventually(() => currentText(id).startsWith('✅'), 15_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; reply: ${currentText(id)}; last.fm calls: ${lastfm.requests.join(', ')}`);
    });
    const profile = await bot.app.get(TasteProfileService).profile(cy.id);
    expect(profile?.imported.artists.map((artist) => artist.id)).toEqual(
      expect.arrayContaining(['daftpunk', 'air', 'kavinsky', 'phoenix']),
    );
    expect(profile?.imported.tracks.map((track) => track.id)).toContain('phoenix|1901|none');
    expect((await accounts(cy.id)).lastfm).toMatchObject({ username: 'RJ' });

    const missing = slash(cy.id, 'link', { subcommand: 'lastfm', options: { username: 'nobodyhere' } });
    const followUp = await bot.discord.waitForFollowUp(missing.token);
    expect(JSON.stringify(followUp)).toContain('Last.fm has no user called **nobodyhere**');
  });

  it('unlinks Last.fm and forgets what it imported', async () => {
    const { id } = slash(cy.id, 'unlink', { options: { service: 'lastfm' } });
    expect(await replyText(id)).toContain('Unlinked Last.fm');
    const profile = await bot.app.get(TasteProfileService).profile(cy.id);
    expect(profile?.imported.sources).toEqual([]);
    expect((await accounts(cy.id)).lastfm).toBeUndefined();
  });
});
