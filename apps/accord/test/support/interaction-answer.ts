import type { FakeDiscord, InteractionHandle, RecordedMessageBody } from '@accord/testkit/discord';

const DEFERRED = new Set([5, 6]);
const EPHEMERAL = 64;

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
      const responses = discord.interactionResponses(handle.id);
      const callback = responses.find((request) => request.path.endsWith('/callback'));
      if (!callback) return undefined;
      const body = callback.body as { type: number; data?: RecordedMessageBody };
      if (!DEFERRED.has(body.type)) return body.data ?? {};
      const later = responses.find((request) => request !== callback && request.method !== 'GET');
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
  const ephemeral = (message: RecordedMessageBody | undefined): boolean => ((message?.flags ?? 0) & EPHEMERAL) !== 0;
  return discord.waitUntil(
    () => {
      const responses = discord.interactionResponses(handle.id);
      const callback = responses.find((request) => request.path.endsWith('/callback'));
      if (!callback) return undefined;
      const body = callback.body as { type: number; data?: RecordedMessageBody };
      if (!DEFERRED.has(body.type)) return { ...body.data, ephemeral: ephemeral(body.data) };
      const followUp = responses.find((request) => request.method === 'POST' && !request.path.endsWith('/callback'));
      if (followUp)
        return {
          ...(followUp.body as RecordedMessageBody),
          ephemeral: ephemeral(followUp.body as RecordedMessageBody),
        };
      const edit = responses.find((request) => request.method === 'PATCH');
      return edit ? { ...(edit.body as RecordedMessageBody), ephemeral: false } : undefined;
    },
    { timeoutMs },
    `an answer to interaction ${handle.id}`,
  );
}
