import { PlayRequestErrorCode, ResolveErrorCode, refuse, type PlayRefusal } from '@accord/core';
import { describePlayRefusal, quote } from './play-refusal.presenter';

describe(describePlayRefusal.name, () => {
  it.each<[string, PlayRefusal, string]>([
    [
      'an empty query',
      refuse(ResolveErrorCode.EmptyQuery, {}),
      'Tell me what to play: a song name, or a YouTube, Spotify, Deezer or SoundCloud link.',
    ],
    [
      'a query too long',
      refuse(ResolveErrorCode.QueryTooLong, { length: 2_000, max: 500 }),
      'That query is 2,000 characters long; keep it under 500 (a song name or one link).',
    ],
    [
      'a site it does not play',
      refuse(ResolveErrorCode.UnsupportedLink, { url: 'https://vimeo.com/1234' }),
      "I can't play links from “vimeo.com”. I can play YouTube and YouTube Music videos, playlists and mixes; Spotify and Deezer tracks, albums and playlists; SoundCloud tracks and sets, or a song name.",
    ],
    [
      'a private address',
      refuse(ResolveErrorCode.PrivateLink, { host: '127.0.0.1' }),
      "I don't play links to “127.0.0.1”: it is a private, local or reserved address. A direct link must point to a public server.",
    ],
    [
      'an unknown host',
      refuse(ResolveErrorCode.UnknownHost, { host: 'nowhere.invalid' }),
      "I could not find the server “nowhere.invalid”. Check the link, or type the song's name.",
    ],
    [
      'a link Lavalink could not read, without saying why',
      refuse(ResolveErrorCode.LinkUnplayable, { url: 'https://example.com/a.mp3', why: 'unknown' }),
      'I could not play “https://example.com/a.mp3”: there is no audio file there I can read (it may be gone, or not audio).',
    ],
    [
      'a link to nothing',
      refuse(ResolveErrorCode.LinkUnplayable, { url: 'https://example.com/a.mp3', why: 'not-found' }),
      'I could not play “https://example.com/a.mp3”: there is nothing at that address (HTTP 404).',
    ],
    [
      'a link its server refuses',
      refuse(ResolveErrorCode.LinkUnplayable, { url: 'https://example.com/a.mp3', why: 'refused', status: 403 }),
      'I could not play “https://example.com/a.mp3”: its server refused to send it (HTTP 403).',
    ],
    [
      'a link whose server does not answer',
      refuse(ResolveErrorCode.LinkUnplayable, { url: 'https://example.com/a.mp3', why: 'unreachable' }),
      'I could not play “https://example.com/a.mp3”: its server did not answer. Check the link, or try again later.',
    ],
    [
      'a link to something that is not audio',
      refuse(ResolveErrorCode.LinkUnplayable, { url: 'https://example.com/a.mp3', why: 'not-audio' }),
      'I could not play “https://example.com/a.mp3”: what is there is not audio I can read.',
    ],
    [
      'a short link',
      refuse(ResolveErrorCode.ShortLink, { source: 'deezer' }),
      "Short Deezer links only open in a browser. Open it, then paste the address it leads to (or type the song's name).",
    ],
    [
      'a link to no song',
      refuse(ResolveErrorCode.MalformedLink, { source: 'youtube-music' }),
      "That YouTube Music link does not point to a song, album or playlist I can read. Paste the share link of a song, album or playlist, or type the song's name.",
    ],
    [
      'nothing found',
      refuse(ResolveErrorCode.NothingFound, { text: 'Nobody  -  Nothing Here' }),
      'I found nothing on YouTube for “Nobody - Nothing Here”. Try the artist and the title, like “Daft Punk - One More Time”.',
    ],
    [
      'a song with no video',
      refuse(ResolveErrorCode.SongNotOnYoutube, { artist: 'Flo Rida', title: 'Whistle' }),
      'I could not find “Flo Rida - Whistle” on YouTube.',
    ],
    [
      'a video gone',
      refuse(ResolveErrorCode.VideoUnavailable, {}),
      "That YouTube video can't be played (deleted, private or blocked), and I know nothing else about it to search for. Try /play with the song's name.",
    ],
    [
      'a playlist that cannot be opened',
      refuse(ResolveErrorCode.PlaylistUnavailable, {}),
      "That playlist can't be opened: it may be private, deleted or empty.",
    ],
    [
      'an empty playlist',
      refuse(ResolveErrorCode.PlaylistEmpty, { name: 'Mix' }),
      'The playlist “Mix” has no song I can play.',
    ],
    [
      'a suggestion gone',
      refuse(ResolveErrorCode.SuggestionGone, {}),
      'That suggestion is no longer in my catalog; type the song name again.',
    ],
    [
      'a dead SoundCloud link',
      refuse(ResolveErrorCode.SoundcloudUnavailable, {}),
      "That SoundCloud link can't be played, and it doesn't say enough to search for the song elsewhere.",
    ],
    [
      'Spotify not set up',
      refuse(ResolveErrorCode.SpotifyUnconfigured, {}),
      "Spotify links are not set up on this bot: the server owner must set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (with TOKEN_ENCRYPTION_KEY). Meanwhile, type the song's name.",
    ],
    [
      'a source down',
      refuse(ResolveErrorCode.SourceDown, { source: 'spotify' }),
      "Spotify is not answering right now, so I can't read that link. Try again in a minute, or type the song's name.",
    ],
    [
      'a Spotify playlist it may not read',
      refuse(ResolveErrorCode.SourceNotFound, { source: 'spotify', type: 'playlist' }),
      "That Spotify playlist can't be read: it is private, deleted, or one of Spotify's own mixes, which Spotify keeps from other apps.",
    ],
    [
      'a Deezer album that does not exist',
      refuse(ResolveErrorCode.SourceNotFound, { source: 'deezer', type: 'album' }),
      'That Deezer album does not exist or is not available.',
    ],
    [
      'the catalog away',
      refuse(ResolveErrorCode.CatalogAway, {}),
      "My song catalog is unreachable for a moment, so I can't open that. A song name or a YouTube link still plays; try the link again in a minute.",
    ],
    [
      'a dead link while the catalog is away',
      refuse(ResolveErrorCode.DeadLinkCatalogAway, {}),
      "My song catalog is unreachable for a moment, so I can't open that. A song name or a YouTube link still plays; try the link again in a minute.",
    ],
    [
      'Lavalink away',
      refuse(ResolveErrorCode.AudioUnavailable, { cause: 'no-node' }),
      'Audio is unavailable right now: no Lavalink node is connected. Your queue is kept; try again in a moment.',
    ],
    [
      'Lavalink not answering',
      refuse(ResolveErrorCode.AudioUnavailable, { cause: 'no-answer' }),
      'Audio search is unavailable right now (Lavalink did not answer). Try again in a moment.',
    ],
    [
      'a full queue',
      refuse(PlayRequestErrorCode.QueueFull, { max: 5_000 }),
      'The queue is full (5,000 tracks). Remove some, or `/stop` to start over.',
    ],
    [
      'a playlist with nothing to play',
      refuse(PlayRequestErrorCode.PlaylistLoadedEmpty, { name: 'Private mix' }),
      'The playlist "Private mix" has nothing I can play (empty, or only private or deleted videos). Nothing was queued.',
    ],
  ])('words %s', (_label, refusal, text) => {
    expect(describePlayRefusal('en', refusal)).toBe(text);
  });

  it('words a refusal in German', () => {
    expect(describePlayRefusal('de', refuse(ResolveErrorCode.PlaylistEmpty, { name: 'Mix' }))).toBe(
      'Die Playlist „Mix“ enthält keinen Song, den ich abspielen kann.',
    );
  });
});

describe(quote.name, () => {
  it('folds spaces and shortens long text with an ellipsis', () => {
    expect(quote('en', '  a   b  ')).toBe('“a b”');
    expect(quote('en', 'x'.repeat(10), 5)).toBe('“xxxx…”');
  });

  it('quotes the way the language does', () => {
    expect(quote('de', 'Daft Punk')).toBe('„Daft Punk“');
  });
});
