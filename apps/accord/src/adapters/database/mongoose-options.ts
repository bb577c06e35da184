import type { ConnectOptions } from 'mongoose';

/** Connection settings sized for a small host; shared by the first connection and its retries. */
export const MONGOOSE_OPTIONS: ConnectOptions = {
  // Fail an attempt quickly and let DatabaseService retry, rather than blocking boot.
  serverSelectionTimeoutMS: 5_000,
  connectTimeoutMS: 10_000,
  // A connection an outage left half-open is given up after this long without an answer, so
  // writes queued behind it (the session, history) are retried soon after MongoDB returns. The
  // bot's slowest query (a stats page over 100,000 plays) answers well within it.
  socketTimeoutMS: 15_000,
  heartbeatFrequencyMS: 5_000,
  // A Pi-sized pool: the bot's queries are small and few at a time.
  maxPoolSize: 10,
  minPoolSize: 1,
  autoIndex: true,
};
