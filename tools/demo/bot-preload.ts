/**
 * Loaded into the demo's bot process (`node -r`) before the bot itself: Deezer and Last.fm answer
 * from the recorded stand-ins of libs/testkit (the real APIs are not needed, or reachable, for a
 * demo), and the bot stops when the demo does, even if the demo was killed outright (its stdin,
 * a pipe from the demo, reaches end of file).
 */
import { deezerApiStandIn } from '@accord/testkit/deezer-api';
import { lastfmApiStandIn } from '@accord/testkit/lastfm-api';
import { DEEZER_WORLD, LASTFM_WORLD } from './world';

deezerApiStandIn(DEEZER_WORLD);
lastfmApiStandIn(LASTFM_WORLD);

process.stdin.once('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
// Watching stdin must not keep the bot alive once it has shut down.
(process.stdin as NodeJS.ReadStream & { unref?: () => void }).unref?.();
