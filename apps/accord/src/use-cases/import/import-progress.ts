/**
 * What an import reads now: a YouTube playlist, the Spotify top tracks, the saved tracks, or a
 * playlist (`index` of `of` when the library import reads the user's imported playlists).
 */
export type ImportPhase =
  | { step: 'youtube-playlist' }
  | { step: 'top-tracks' }
  | { step: 'saved-tracks' }
  | { step: 'playlist'; index?: number; of?: number };

/** How far an import is. */
export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export type ProgressListener = (progress: ImportProgress) => void;

/**
 * Passes progress on at most once per `intervalMs` (Discord allows a few edits a second per
 * interaction; one a second keeps well clear), always passing the latest when it does.
 */
export class ThrottledProgress {
  private last = 0;
  private pending?: ImportProgress;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly send: ProgressListener,
    private readonly intervalMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  readonly report: ProgressListener = (progress) => {
    this.pending = progress;
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), wait);
      this.timer.unref();
    }
  };

  /** Stops sending (the final answer follows). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const progress = this.pending;
    this.pending = undefined;
    if (!progress) return;
    this.last = this.now();
    this.send(progress);
  }
}
