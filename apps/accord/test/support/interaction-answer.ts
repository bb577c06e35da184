import type { FakeDiscord, InteractionHandle, RecordedMessageBody, RecordedRequest } from '@accord/testkit/discord';

const EPHEMERAL = 64;

/** The interaction's callback so far: what it said, whether it deferred the answer, and the requests after it. */
function callbackOf(
  discord: FakeDiscord,
  handle: InteractionHandle,
): { data: RecordedMessageBody | undefined; deferred: boolean; later: RecordedRequest[] } | undefined {
  const responses = discord.interactionResponses(handle.id);
  const callback = responses.find((request) => request.path.endsWith('/callback'));
  if (!callback) return undefined;
  const body = callback.body as { type: number; data?: RecordedMessageBody };
  return {
    data: body.data,
    deferred: body.type === 5 || body.type === 6,
    later: responses.filter((request) => request !== callback),
  };
}

/**
 * The bot's visible answer to an interaction: the immediate reply, or the follow-up or edit of a
 * deferred one.
 */
export function answerOf(
  discord: FakeDiscord,
  handle: InteractionHandle,
  timeoutMs = 15_000,
): Promise<RecordedMessageBody> {
  return discord.waitUntil(
    () => {
      const callback = callbackOf(discord, handle);
      if (!callback) return undefined;
      if (!callback.deferred) return callback.data ?? {};
      const later = callback.later.find((request) => request.method !== 'GET');
      return later ? (later.body as RecordedMessageBody) : undefined;
    },
    { timeoutMs },
    `an answer to interaction ${handle.id}`,
  );
}

/** What the user finally sees for an interaction, and whether only they see it. */
export interface SeenAnswer extends RecordedMessageBody {
  ephemeral: boolean;
}

/** The reply, else the deferred reply's follow-up (which may be ephemeral), else its edit. */
export function seenAnswerOf(discord: FakeDiscord, handle: InteractionHandle, timeoutMs = 10_000): Promise<SeenAnswer> {
  const seen = (message: RecordedMessageBody | undefined): SeenAnswer => ({
    ...message,
    ephemeral: ((message?.flags ?? 0) & EPHEMERAL) !== 0,
  });
  return discord.waitUntil(
    () => {
      const callback = callbackOf(discord, handle);
      if (!callback) return undefined;
      if (!callback.deferred) return seen(callback.data);
      const followUp = callback.later.find(
        (request) => request.method === 'POST' && !request.path.endsWith('/callback'),
      );
      if (followUp) return seen(followUp.body as RecordedMessageBody);
      const edit = callback.later.find((request) => request.method === 'PATCH');
      return edit ? { ...(edit.body as RecordedMessageBody), ephemeral: false } : undefined;
    },
    { timeoutMs },
    `an answer to interaction ${handle.id}`,
  );
}
