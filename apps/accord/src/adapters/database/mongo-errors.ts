const TRANSIENT_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
]);

/** MongoDB errors that mean "not now" rather than "never". */
export function isTransientMongoError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (TRANSIENT_NAMES.has(error.name)) return true;
  if (/buffering timed out|connection .* closed|ECONNREFUSED|ECONNRESET/i.test(error.message)) return true;
  const labels = (error as { errorLabels?: unknown }).errorLabels;
  if (
    Array.isArray(labels) &&
    labels.some((label) => label === 'RetryableWriteError' || label === 'TransientTransactionError')
  )
    return true;
  return error.cause !== undefined && error.cause !== error && isTransientMongoError(error.cause);
}
