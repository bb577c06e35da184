// What each benchmark figure means, for BENCHMARKS.md. A figure without an entry here is still
// reported (under its file), so a new benchmark never disappears from the report.

export interface FigureSection {
  title: string;
  /** Figures whose names start with one of these prefixes belong to the section. */
  prefixes: string[];
  /** One paragraph: what is measured and how. */
  about: string;
  /** The bench file(s) to run for just this section: `npm run bench -- <filter>`. */
  filter: string;
}

export const SECTIONS: FigureSection[] = [
  {
    title: 'Process',
    prefixes: ['process.'],
    about:
      'The production build (`dist/apps/accord/main.js`) started as its own process against the fake ' +
      'Discord, a fake Lavalink node and the test database: time from spawn to a healthy `/api/v1/health`, ' +
      'resident memory when idle and with 50 guilds playing, and the time a SIGTERM takes to persist and ' +
      'exit. The bot runs with the Node flags of the image\u2019s `CMD` (docker/Dockerfile). Memory went from ' +
      '152.5 MB idle and 175.5 MB with 50 guilds (2026-12-04, same machine, no flags) to the figures below. ' +
      'Where it went: `node -r @swc-node/register tools/memory/idle-profile.ts` (the build as its own ' +
      'process, resident memory by mapping, heap figures before and after a full GC, a heap snapshot ' +
      'summarised by package with `tools/memory/heap-by-module.ts`) showed 46 MB of resident Node binary ' +
      '(code and ICU data, fixed), a 52 MB live heap made of the 2,650 loaded scripts (16 MB of source ' +
      'text, the rest their functions and module state; no single package above 2.6 MB) and 30-35 MB of ' +
      'young-generation semi-space that V8 grows to 16 MB during boot and gives back only when its memory ' +
      'reducer runs, about 25 s after boot (the 17 MB serialization buffer bson allocates at load shows in ' +
      'the snapshot but is not resident: its pages are never written). What was cut: the semi-space capped ' +
      'at 1 MB (`--max-semi-space-size=1`, most of the gain), `--optimize-for-size` (about 3 MB idle and 10 ' +
      'MB with 50 guilds; the 50-guild shutdown took 0.6-1.3 s over four runs against 0.5-0.8 s without ' +
      'it), two V8 background threads instead of four (`--v8-pool-size=2`), the OpenAPI document built at ' +
      'the first request to /api/docs rather than at boot, no discord.js cache for commands, bans, invites, ' +
      'emojis, entitlements, DMs or thread members (with the Guilds and GuildVoiceStates intents they held ' +
      'little), and the unused spotify-web-api-node dependency. Tried and left out: MALLOC_ARENA_MAX and ' +
      'trim thresholds (no gain), `--no-opt` (about 1 MB, within the noise, for slower taste-model training ' +
      'in its worker). Then the bot gained lyrics, SponsorBlock segments, sign-in links and seven languages ' +
      '(123 MB idle, 134.9 MB with 50 guilds), and a second round cut the build itself ' +
      '(apps/accord/webpack.config.js), one step at a time under the idle profile. The six languages other ' +
      'than English left the bundle: each namespace is read from a copy beside it ' +
      '(dist/apps/accord/locales) when a message of it is first asked for, so a bot whose servers all speak ' +
      'English never holds them (registering the slash commands reads every language\u2019s `commands` and ' +
      '`lyrics`); 124.0 \u2192 123.4 MB, little on its own because the bundle stayed two-byte text. The bundle ' +
      'minified and ASCII-only (Terser with class and function names kept and `ascii_only`; the non-ASCII ' +
      'letters in track-identity\u2019s String.raw patterns, the one place Terser cannot escape, are escaped by ' +
      'apps/accord/raw-template-escapes.loader.js, and the build fails on any character it leaves): its 3.5 ' +
      'MB of two-byte source became 0.9 MB of one-byte, 118.4 MB. The packages bundled too, minified, one ' +
      'script per package in dist/apps/accord/packages: 2,723 scripts with 17.0 MB of source became 463 ' +
      'with 6.5 MB (compiled code 4.7 \u2192 5.7 MB), 109.5 MB. One script of everything was worse (147.5 MB): ' +
      'parsing a single 7 MB script left 28 MB of parser memory in the malloc heap. What still comes from ' +
      'node_modules: the Swagger UI\u2019s files, and the optional packages that are not installed (Nest\u2019s ' +
      'microservices, native add-ons of discord.js and the MongoDB driver), whose `require` throws at ' +
      'runtime as it did unbundled. The costs: `npm run build` takes about 2 minutes instead of 25 s, boot ' +
      'about 1.5 s instead of 1.3 s (1,450-3,274 ms over the three runs, on a busy machine), the 50-guild ' +
      'shutdown 734-1,049 ms against 534 ms before (not measured apart from the busy machine), and stack ' +
      'traces point into minified lines (function and class names are kept). The 5 s figure sits just ' +
      'before V8\u2019s memory reducer, which runs about 8 s after boot and gives back 5-6 MB: three runs of the ' +
      'bench gave 108.4, 116.7 and 109.2 MB idle (the median is in the table) and 126.2, 126.6 and 126.3 MB ' +
      'with 50 guilds; in four idle profiles the bot settled at 103.3-104.4 MB by 10 s, once at 111.1 MB. ' +
      'Tried and left out: starting the memory reducer sooner (`--gc-memory-reducer-start-delay-ms`, no ' +
      'change in when it ran). What remains is the dependency graph itself: discord.js, mongoose and the ' +
      'driver, Nest, class-validator (with validator and libphonenumber-js), @nestjs/swagger.',
    filter: 'process',
  },
  {
    title: 'Playback',
    prefixes: ['playback.'],
    about:
      'The app in-process on the fakes. The gap is the time from Lavalink\u2019s TrackEnd to the PATCH that starts ' +
      'the next song, with the next song resolved ahead of time (look-ahead) and without it, the search taking ' +
      '500 ms. `/play` of a pinned song is measured to its PATCH; the event-loop delay while a 1,000-track ' +
      'playlist loads shows whether the bot stays responsive. The fallback figure (bench/playback-fallback.bench.ts) is a ' +
      'pinned video failing while it plays, with no other video of the song, to the PATCH of the song\u2019s ' +
      'SoundCloud upload: two YouTube searches and one SoundCloud search of 250 ms each, the match and the record.',
    filter: 'playback',
  },
  {
    title: 'Catalog',
    prefixes: ['catalog.'],
    about:
      'Resolving "artist - title" to its pinned YouTube video: from the catalog (pinned), and for a new song ' +
      '(search, parse, match, pin), with an instant and a 500 ms search. The re-key is the one-off work of the ' +
      'first start after the key rules change, on the test database (FerretDB 1.x), to the moment plays have followed: ' +
      'there each key update costs about 0.1 s (a unique index on a 5,000-song collection), which MongoDB answers from its indexes.',
    filter: 'catalog',
  },
  {
    title: 'History (test database)',
    prefixes: ['history.'],
    about:
      'Autoplay\u2019s repetition queries and one profile read against 100,000 plays by 1,000 users, 200 runs each, ' +
      'on FerretDB 1.x (a MongoDB server answers these from indexes and is faster).',
    filter: 'history',
  },
  {
    title: 'Recommendation',
    prefixes: ['recs.'],
    about:
      'One `pick` over 5,000 candidates for rooms of 1, 5 and 10 listeners (wall and CPU time) with the learned ' +
      'listener model and cached score vectors, and the classic path without it; its working set; a whole autoplay ' +
      'turn through the bot\u2019s recommendation service with cached sources; training the item model (EASE, ' +
      'item-kNN, iALS) on the HetRec 2011 Last.fm data and on a synthetic instance; and the offline evaluation of ' +
      'the engine beside the strongest baseline on the report split (1,500 groups).',
    filter: 'pick autoplay model',
  },
  {
    title: 'Track identity',
    prefixes: ['identity.'],
    about: 'Title parsing throughput and matching one query against 20 candidate uploads.',
    filter: 'parse',
  },
  {
    title: 'Admin API and live events',
    prefixes: ['api.'],
    about:
      'Through the real HTTP server with a signed-in session: the queue endpoint, the history and stats endpoints ' +
      'with 100,000 plays in the database, and the time for one event to reach 200 connected WebSocket clients. ' +
      'Hostile bodies (`npm run bench -- deep-json`, no session): the answer to an 800 kB body of 400,000 nested ' +
      'arrays (413 from its Content-Length, before it is read), and the health check while three clients keep ' +
      'sending them.',
    filter: 'api',
  },
  {
    title: 'Non-music segments',
    prefixes: ['segments.'],
    about:
      'The app in-process on the fakes with a local SponsorBlock stand-in: a YouTube song with a 1 s non-music ' +
      'part every 2 s (20 parts), each skipped by a seek. The lag is the song\u2019s time when the seek reached ' +
      'the fake Lavalink minus the start of the part, from the node\u2019s own record of the start and the ' +
      'seeks; two songs after one that warms the code paths up.',
    filter: 'segments',
  },
  {
    title: 'Soak of the bot process',
    prefixes: ['soak.bot.'],
    about:
      'The production build (`dist/apps/accord/main.js`, the image\u2019s Node flags) as its own process, with the ' +
      'fake Discord, the fake Lavalink and the test database in the bench\u2019s process, so the memory is the ' +
      'bot\u2019s alone. 20 guilds, each with its owner in voice (a taste profile of 150 songs stored before the ' +
      'bot starts) and a guest who comes and goes; autoplay (on by default) picks the next song once the queue ' +
      'runs out, and when its song has not started 1.5 s after the end the owner asks for one with `/play` (a ' +
      'refill; never the song that just ended or the one playing). Songs last 2.5-4.5 min and each is run to its ' +
      'end on the fake Lavalink\u2019s virtual clock: a virtual hour is an hour of track time played in every guild, ' +
      'about 17 songs a guild and 340 in all. After each round of songs five guilds see some churn: a half-played ' +
      'song skipped, a like, the guest leaving or joining, a song added with `/play`, the panel\u2019s queue, history ' +
      'and stats read over HTTP. Then the round waits until the bot\u2019s database work has caught up (no command ' +
      'of the bot has waited for an answer for 300 ms; the bot reaches the database through the bench\u2019s ' +
      'loopback proxy, `bench/mongo-wire-profile.ts`): a real hour gives the bot\u2019s queued history writes an ' +
      'hour to land, and virtual time must not outrun them. Every quarter of a virtual hour the bench samples the ' +
      'bot\u2019s VmRSS (`/proc/<pid>/status`) and its heap used after a full GC over the V8 inspector (`--inspect` ' +
      'on loopback, `HeapProfiler.collectGarbage` then `Runtime.getHeapUsage`; `bench/inspector.ts`). The first ' +
      'quarter of the run (at least one virtual hour) is the warm-up; the slopes are least squares over the rest. ' +
      'The run stops at 24 virtual hours or after `SOAK_BOT_WALL_S` seconds of playing (420 by default), whichever ' +
      'comes first. The figures below are from the second of two runs with `SOAK_BOT_WALL_S=900`, both after the ' +
      'fixes below and 3.1 virtual hours long (907 and 935 s), so the slopes span 2.1 hours after the warm-up ' +
      '(nine samples). The first gave 22 KB an hour of RSS and 218 of heap, the second 162 and 170: from 1.1 ' +
      'virtual hours to the end the heap stayed between 48.8 and 49.6 MB in both, and the RSS between 125.0 and ' +
      '130.1 MB. (An earlier run of 2.9 hours, before the REST sweep below, gave 351 and 473 KB an hour.) ' +
      '`SOAK_BOT_DB_PROFILE=1` prints the database\u2019s time by ' +
      'query shape with each sample; `SOAK_BOT_SNAPSHOTS=1` writes heap snapshots after the first virtual hour ' +
      'and at the end (for `bench/heap-retainers.ts`, which lists what the second holds that the first did not, ' +
      'by the path that keeps it alive). A snapshot adds about 270 MB to the bot\u2019s RSS: the RSS figures of ' +
      'such a run mean nothing.\n\n' +
      '**What grew, and what was done.** Heap snapshots of earlier runs named every owner of the growth. (1) The ' +
      'history write queue (`HistoryWriter` \u2192 `WriteBehindQueue.pending`, bounded at 5,000 writes) grew from ' +
      '303 to 1,510 writes between 1.2 and 1.8 virtual hours: the open and closed plays it held were the Objects, ' +
      'Dates, Sets and Maps that grew. The bench ran ahead of the test database; it now waits for it after each ' +
      'round. (2) Autoplay kept the last 20 picks of every guild for good (about 2 KB each with their reports and ' +
      'fits, 850 KB for 20 guilds once full, after about 2.5 virtual hours); it now keeps a pick only while its ' +
      'song is playing or queued, and the latest one. (3) On Node 20, `AbortSignal.any([shutdown, ...])` leaves a ' +
      'reference on autoplay\u2019s shutdown signal at every pick that is never released (about 400 WeakRefs in ' +
      '0.6 virtual hours); the candidate gatherer now listens to the signal and stops listening when the pick is ' +
      'over. (4) The \u201csame song restarted\u201d of earlier runs was the bench: a refill asked for the next ' +
      'taste song, which autoplay had just played. (5) discord.js keeps a REST queue (about 1 KB with its ' +
      'key) per interaction token until a sweep finds it idle, hourly by default, which a run of minutes never ' +
      'reached (about 200 interactions a virtual hour here, most of them refills); the bot now sweeps every five ' +
      'minutes (a token is dead after 15). What remains is bounded or warms up: the log ring (2,000 lines), the ' +
      'V8 code and object shapes of paths first taken late in the run, and the REST queues of the last five ' +
      'minutes. Both slopes are within the target of 200 KB an hour in the second run; in the first the heap\u2019s ' +
      'was just above it. What sets them is the last samples\u2019 noise (half a megabyte up and down in the last ' +
      'half hour), so a longer run (on MongoDB) would tell a plateau from a slope. **Why not 24 hours.** Each song costs the ' +
      'test database more than the one before: FerretDB 1.x reaches SQLite\u2019s key only for a filter that is ' +
      'exactly `{ _id }`, and reads and decodes every document of the collection for any other, so the lookups of ' +
      'songs by key or alias (`tracks`, about 1 KB a song), of cached source answers (`similar`) and of ' +
      'co-listening (`plays`) grow with the catalog and the plays (a `tracks` lookup took about 0.3 s within the ' +
      'first virtual hour, with the round\u2019s other lookups queued beside it). On MongoDB each of these is an indexed lookup with a ' +
      'limit: none of the bot\u2019s queries reads a collection whole. The same slowness starves autoplay (its ' +
      'history and profile reads give up after 800 ms and sources after 1.2 s), so about 45% of the songs are ' +
      'refills. Two of those lookups were made cheaper for both databases: finding a song by key or alias is one ' +
      'query instead of two, and co-listening reads the songs\u2019 names with the plays it already fetched instead ' +
      'of one more query per suggested song. `MONGODB_URI` (or `ACCORD_TESTDB=mongod` on a machine that can ' +
      'download mongod) runs the soak on MongoDB instead.',
    filter: 'soak-bot',
  },
  {
    title: 'Soak',
    prefixes: ['soak.'],
    about:
      'Hours of virtual playback across 20 guilds with autoplay on the fakes: the slope of resident memory per ' +
      'virtual hour and the plays recorded.',
    filter: 'soak',
  },
  {
    title: 'Audio on the real Lavalink',
    prefixes: ['lavalink.', 'audio.'],
    about:
      'The real Lavalink 4.2.2 (a child JVM, `-Xmx256m`, serial GC) playing songs made with ffmpeg into the ' +
      'testkit\u2019s fake voice server, which decrypts every RTP frame; driven by a bare protocol client, not ' +
      'the bot. CPU is the JVM\u2019s user+system time over 10 s minus idle, per player, for Ogg Opus ' +
      '(passthrough) and MP3 (transcoding); other processes on the machine add noise. The `audio.gap.track_change`, ' +
      '`audio.gap.no_lookahead`, `audio.first_frame.play_pinned_ms`, `audio.resume.node_failover_ms` and ' +
      '`audio.frames_lost.bot_sigkill` figures drive the bot itself against the real node.\n\n' +
      '**Why a song change costs 120 ms, and why that is the floor.** Lavalink sends audio through koe ' +
      '3.0.0-pre6 (`BOOT-INF/lib/core-3.0.0-pre6.jar` in the jar; read with `javap -p -c` on ' +
      '`moe.kyokobot.koe.poller.AbstractOpusFramePoller`). Every 20 ms its `pollSingleFrame` first sends a ' +
      'silence frame if its `silenceCounter` is above 0, without asking the player for audio; otherwise it asks, and ' +
      'when the player stops having audio after it had some (`lastProvide && !canProvide`) it sets ' +
      '`silenceCounter = 5` and sends the first of five Opus silence frames (`0xF8 0xFF 0xFE`), as ' +
      'Discord\u2019s voice documentation asks at every break in transmission. A Lavalink player holds one ' +
      'track, and the next one starts only once the last has ended, so between two songs the player is empty ' +
      'for at least one 20 ms tick: the last frame of a song, five silence frames (100 ms), and the first frame ' +
      'of the next song at +120 ms. That is exactly what a bare client starting the next song on TrackEndEvent ' +
      'gets (`audio.gap.on_track_end_event`) and what the bot gets (`audio.gap.track_change`): the five silence ' +
      'frames do arrive (`silence_frames`), and the gap minus them (`beyond_silence_ms`) is one frame time, ' +
      'the spacing of any two consecutive frames, so the bot adds 0 ms on top of the node\u2019s floor. ' +
      'A target of at most 20 ms between songs is below what Lavalink 4.2.2 with koe can give without cutting ' +
      'the end of a song; starting the next song early would cut it, and is not done. Going lower needs a ' +
      'gapless handoff in the node: a player that queues the next track and feeds its first frame on the tick ' +
      'after the last frame of the current one, so the provider never runs dry and koe sends no silence. ' +
      'Without look-ahead (`audio.gap.no_lookahead`), an entry that is not resolved yet is searched when the ' +
      'song before it ends on the node. Lavalink hands frames to its native send buffer (`bufferDurationMs`, ' +
      '400 ms by default and here) ahead of time and sends TrackEndEvent when the player has handed over its ' +
      'last frame, so the search starts about 360 ms (measured) before the listener hears that frame: that ' +
      'much of it is hidden, and a 500 ms search is heard as about 200 ms of silence (its first frame about ' +
      '565 ms after the search started); a slower search adds its extra time to the silence.',
    filter: 'lavalink-audio real-playback',
  },
];

/** One-line meanings of individual figures (by exact name). */
export const MEANINGS: Record<string, string> = {
  'process.boot_to_ready_ms': 'spawn to healthy, median of 5 boots',
  'process.idle.rss_mb': 'resident memory 5 s after boot',
  'process.50_guilds.rss_mb': 'resident memory with 50 guilds playing',
  'playback.gap.lookahead.median_ms': 'TrackEnd to the next PATCH, next song resolved ahead',
  'playback.gap.lookahead.p99_ms': 'the same, 99th percentile',
  'playback.gap.no_lookahead.median_ms': 'TrackEnd to the next PATCH, resolving only then (search 500 ms)',
  'playback.play_pinned.median_ms': '/play of a pinned song to its PATCH',
  'playback.fallback.resolve_ms': 'a pinned video failing to the PATCH of its SoundCloud upload (searches 250 ms)',
  'playback.playlist_1000.loop_delay_p99_ms': 'event-loop delay while a 1,000-track playlist loads',
  'segments.seek_lag.p50_ms': 'a non-music part\u2019s start to its seek at Lavalink, in song time, median',
  'segments.seek_lag.p99_ms': 'the same, 99th percentile',
  'catalog.resolve.pinned.median_ms': 'a song already pinned',
  'catalog.resolve.new.median_ms': 'a new song: search, parse, match, pin',
  'catalog.resolve.new_500ms_search.median_ms': 'a new song with a 500 ms search',
  'catalog.rekey.songs_per_s':
    'stored songs re-keyed per second after new key rules (5,000 songs, 250 moved, history following)',
  'history.repetition_query.p95_ms': 'the slowest of the per-pick repetition queries',
  'history.profile_query.p95_ms': "one listener's profile",
  'recs.pick.working_set_mb': 'heap used by one 10-listener pick',
  'recs.autoplay.end_to_end.median_ms': 'a whole autoplay turn, 10 listeners, cached sources',
  'recs.autoplay.end_to_end.p99_ms': 'the same, 99th percentile',
  'recs.autoplay.candidates_per_pick': 'candidates scored per autoplay turn',
  'recs.model.hetrec.train_s': 'training the item model on HetRec 2011 Last.fm (1,892 users)',
  'recs.model.hetrec.train_peak_mb': 'memory above the loaded data while training on HetRec',
  'recs.model.synthetic_200_users.train_s': 'training on a synthetic instance: 200 users, 20,000 plays',
  'recs.model.synthetic_200_users.train_peak_mb': 'memory while training on the synthetic instance',
  'recs.eval.engine.ndcg_at_10': 'the engine, nDCG@10 of artists unknown to every member (report split)',
  'recs.eval.engine.every_member_hit': 'the engine, share of groups where every member gets a held-out artist',
  'recs.eval.baseline_blend_avg.ndcg_at_10': 'baseline: the blended listener model averaged over members, nDCG@10',
  'recs.eval.baseline_blend_avg.every_member_hit': 'the same baseline, every-member-hit',
  'recs.eval.run_s': '`recs:eval` on 1,500 groups, training included',
  'identity.parse.titles_per_s': 'titles parsed per second',
  'identity.parse_with_context.titles_per_s':
    'titles parsed per second with the channel, the duration and 100,000 known artists',
  'identity.match.ms_per_query': 'one query matched against 20 candidates',
  'api.guild_queue.p95_ms': 'GET a guild queue',
  'api.history.p50_ms': 'GET a history page, 100,000 plays stored',
  'api.history.p95_ms': 'the same, 95th percentile',
  'api.stats.p50_ms': 'GET 7- and 30-day stats, 100,000 plays stored',
  'api.stats.p95_ms': 'the same, 95th percentile',
  'api.history_days.rebuild_s': 'one-time rebuild of the per-day read model from 100,000 plays',
  'process.shutdown_ms': 'SIGTERM to exit, idle bot',
  'process.50_guilds.shutdown_ms': 'SIGTERM to exit with 50 guilds playing',
  'api.ws.fanout_200.p95_ms': 'one event to 200 WebSocket clients',
  'api.deep_json.p99_ms': 'answer to an 800 kB body of 400,000 nested arrays (no session), 99th percentile',
  'api.health_under_attack.p99_ms': 'GET /api/v1/health while three clients keep sending such bodies, 99th percentile',
  'soak.bot.rss_slope_kb_per_virtual_hour':
    'the bot process\u2019s resident memory growth per virtual hour, after the warm-up',
  'soak.bot.heap_slope_kb_per_virtual_hour': 'the bot process\u2019s heap growth per virtual hour, after a full GC',
  'soak.bot.virtual_hours': 'virtual hours played in every guild (24, or as many as fit)',
  'soak.bot.rss_mb_end': 'the bot process\u2019s resident memory at the end',
  'soak.bot.heap_mb_end': 'the bot process\u2019s heap used after a full GC at the end',
  'soak.bot.songs_per_wall_second': 'songs played to their end per second of wall time, 20 guilds',
  'soak.rss_slope_kb_per_virtual_hour': 'resident memory growth per virtual hour (least squares)',
  'soak.heap_slope_kb_per_virtual_hour': 'heap growth per virtual hour, after GC',
  'soak.plays_per_virtual_hour': 'songs played per virtual hour, 20 guilds',
  'soak.plays_per_wall_second': 'how fast the soak runs',
  'soak.virtual_hours': 'virtual time played',
  'soak.end.rss_mb': 'resident memory at the end',
  'soak.timers_growth': 'active timers, end minus start',
  'soak.listeners_growth': 'event listeners, end minus start',
  'lavalink.rss_mb.idle': 'resident memory of the idle node, no player',
  'lavalink.cpu_percent.per_player.passthrough_1': 'CPU per player, 1 Ogg Opus player (passthrough)',
  'lavalink.cpu_percent.per_player.passthrough_10': 'CPU per player, 10 Ogg Opus players (passthrough)',
  'lavalink.cpu_percent.per_player.transcoding_1': 'CPU per player, 1 MP3 player (decode and Opus encode)',
  'lavalink.cpu_percent.per_player.transcoding_10': 'CPU per player, 10 MP3 players',
  'audio.passthrough_share': 'frames byte-identical to the Ogg file\u2019s packets, volume 100, no filter',
  'audio.gap.on_track_end_event.median_ms': 'silence at the voice endpoint when the next song is PATCHed on TrackEnd',
  'audio.gap.on_track_end_event.p99_ms': 'the same, 99th percentile (12 changes)',
  'audio.first_frame.node_patch_connected_ms': 'PATCH of a song to its first frame, voice already connected',
  'audio.gap.track_change.median_ms': 'bot on the real node: last frame of a song to the first of the queued next one',
  'audio.gap.track_change.p99_ms': 'the same, 99th percentile (7 changes)',
  'audio.gap.track_change.silence_frames':
    'Opus silence frames (3 bytes) heard in that gap, median: koe sends five whenever the audio stops',
  'audio.gap.track_change.packets_between':
    'RTP sequence numbers used in that gap, median: the silence frames, and any packet lost on the way',
  'audio.gap.track_change.beyond_silence_ms':
    'that gap minus the silence frames in it, median: one frame time (20 ms) means nothing is added to the floor',
  'audio.gap.no_lookahead.median_ms':
    'bot on the real node, look-ahead off, searches answering after 500 ms: the next song is searched when due',
  'audio.resume.node_failover_ms': 'bot on two real nodes: last frame of the SIGKILLed node to the first of the other',
  'audio.first_frame.play_pinned_ms':
    'bot on the real node: `/play` of a pinned song to its first frame (voice joined)',
  'audio.frames_lost.bot_sigkill':
    'bot process SIGKILLed mid-song and restarted: Ogg packets never heard (its voice update reconnects)',
};

/** The meaning of a figure: its entry above, or one derived from a family of names. */
export function meaningOf(name: string): string {
  if (MEANINGS[name]) return MEANINGS[name];
  const pick = /^recs\.pick\.(classic\.)?(\d+)_listeners\.(cpu_)?(median|p99)_ms$/.exec(name);
  if (pick) {
    const path = pick[1] ? 'classic fits, no model' : 'learned model, cached scores';
    return `one pick, ${pick[2]} listener(s), 5,000 candidates, ${path}, ${pick[3] ? 'CPU' : 'wall'} ${pick[4]}`;
  }
  const repetition = /^history\.(repetition|profile)_query\.([a-z0-9_]+)\.p95_ms$/.exec(name);
  if (repetition)
    return `${repetition[1] === 'profile' ? 'profile read' : 'repetition query'} \`${repetition[2]}\`, p95`;
  const autoplayCpu = /^recs\.autoplay\.pick_cpu\.(\d+)_listeners\.(median|p99)_ms$/.exec(name);
  if (autoplayCpu) return `CPU of the pick inside an autoplay turn, ${autoplayCpu[1]} listeners, ${autoplayCpu[2]}`;
  return '';
}
