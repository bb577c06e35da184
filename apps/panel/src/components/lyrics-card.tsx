import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { lineAt, type GuildLyricsDto, type LyricsLineDto, type NowPlayingDto } from '@accord/contracts';
import { ApiError, api } from '../lib/api';
import { shared } from '../lib/i18n';
import { ErrorNotice } from './ui';

/** How often the highlighted line is checked while the song plays. */
const TICK_MS = 250;

/** Where the song is now: the last position the server sent, advanced locally while it plays. */
function usePlayhead(current: NowPlayingDto | null): number {
  const anchor = useRef({ positionMs: current?.positionMs ?? 0, at: Date.now() });
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    anchor.current = { positionMs: current?.positionMs ?? 0, at: Date.now() };
    setNow(Date.now());
  }, [current?.entry.id, current?.positionMs, current?.paused]);
  useEffect(() => {
    if (!current || current.paused) return undefined;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [current?.entry.id, current?.paused]);
  if (!current) return 0;
  return current.paused ? anchor.current.positionMs : anchor.current.positionMs + (now - anchor.current.at);
}

/** The lyrics of the song playing, beside now playing; synced lyrics follow the song line by line. */
export function LyricsCard(props: { guildId: string; current: NowPlayingDto | null }): JSX.Element {
  const { guildId, current } = props;
  const entryId = current?.entry.id ?? null;
  const [lyrics, setLyrics] = useState<GuildLyricsDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setLyrics(null);
    setError(null);
    if (!entryId) return undefined;
    let cancelled = false;
    setLoading(true);
    api.get<GuildLyricsDto>(`/guilds/${guildId}/lyrics`).then(
      (answer) => {
        if (cancelled) return;
        setLyrics(answer);
        setLoading(false);
      },
      (reason: unknown) => {
        if (cancelled) return;
        // The song ended between the live frame and the request: nothing to show, not an error.
        if (!(reason instanceof ApiError && reason.code === 'NOTHING_PLAYING')) setError(reason);
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [guildId, entryId]);

  return (
    <section class="card" aria-labelledby="lyrics-heading">
      <h2 id="lyrics-heading">{shared('lyrics:panel.title')}</h2>
      {!entryId ? (
        <p class="muted">{shared('lyrics:panel.nothingPlaying')}</p>
      ) : error ? (
        <ErrorNotice error={error} />
      ) : loading || !lyrics ? (
        <p class="muted">{shared('lyrics:panel.loading')}</p>
      ) : !lyrics.found ? (
        <p class="muted" data-testid="lyrics-none">
          {shared('lyrics:panel.none')}
        </p>
      ) : (
        <LyricsText lyrics={lyrics} current={current} />
      )}
    </section>
  );
}

function LyricsText(props: { lyrics: GuildLyricsDto; current: NowPlayingDto | null }): JSX.Element {
  const { lyrics } = props;
  const credit = (
    <p class="lyrics-credit muted">
      {shared('lyrics:panel.credit', { artist: lyrics.artist, title: lyrics.title, source: lyrics.source })}
    </p>
  );
  if (lyrics.synced) {
    return (
      <>
        <SyncedLines lines={lyrics.synced} current={props.current} />
        {credit}
      </>
    );
  }
  return (
    <>
      {lyrics.instrumental && !lyrics.plain ? (
        <p class="muted" data-testid="lyrics-instrumental">
          {shared('lyrics:panel.instrumental')}
        </p>
      ) : (
        <pre class="lyrics lyrics-plain" data-testid="lyrics">
          {lyrics.plain}
        </pre>
      )}
      {credit}
    </>
  );
}

function SyncedLines(props: { lines: LyricsLineDto[]; current: NowPlayingDto | null }): JSX.Element {
  const positionMs = usePlayhead(props.current);
  const index = lineAt(props.lines, positionMs);
  const box = useRef<HTMLOListElement>(null);

  // Keeps the sung line in the middle of the box, scrolling the box only (never the page).
  useEffect(() => {
    const list = box.current;
    const line = list?.querySelector<HTMLElement>('[aria-current="true"]');
    if (!list || !line) return;
    // The list is positioned, so a line's offsetTop is measured from the list's top.
    const top = line.offsetTop - list.clientHeight / 2 + line.clientHeight / 2;
    list.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
  }, [index]);

  return (
    <ol class="lyrics lyrics-synced" data-testid="lyrics" ref={box}>
      {props.lines.map((line, at) => (
        <li
          key={`${line.timeMs}-${at}`}
          class={at === index ? 'lyrics-line current' : at < index ? 'lyrics-line sung' : 'lyrics-line'}
          aria-current={at === index ? 'true' : undefined}
          data-time-ms={line.timeMs}
        >
          {line.text || '♪'}
        </li>
      ))}
    </ol>
  );
}
