import { QueueEntryFactory, TrackFactory } from '../../../domain/playback/testing/playback.factory';
import { PlaybackReply, renderFeedbackReceipt, renderSkipOutcome } from './playback-reply.presenter';

const entry = QueueEntryFactory.create({
  track: TrackFactory.create({ title: 'Around the World', author: 'Daft Punk', durationMs: 429_000 }),
});
const next = QueueEntryFactory.create({
  track: TrackFactory.create({ title: 'Da Funk', author: 'Daft Punk', durationMs: 328_000 }),
});

describe(renderSkipOutcome.name, () => {
  const track = '**Around the World** by Daft Punk (7:09)';
  it.each([
    [
      { votes: 1, needed: 2, passed: false },
      false,
      `🗳️ <@ben> voted to skip. 1/2 votes to skip ${track}; 1 more needed.`,
    ],
    [
      { votes: 2, needed: 4, passed: false },
      false,
      `🗳️ <@ben> voted to skip. 2/4 votes to skip ${track}; 2 more needed.`,
    ],
    [{ votes: 1, needed: 2, passed: false }, true, `🗳️ You already voted. 1/2 votes to skip ${track}; 1 more needed.`],
  ])('counts votes %p', (tally, alreadyVoted, text) => {
    expect(renderSkipOutcome('en', { kind: 'voted', entry, tally, alreadyVoted }, 'ben')).toBe(text);
  });

  it('says what was skipped and what comes next', () => {
    expect(renderSkipOutcome('en', { kind: 'skipped', skipped: entry, next, by: 'requester' }, 'ana')).toBe(
      '⏭️ Skipped **Around the World** by Daft Punk (7:09).\nUp next: **Da Funk** by Daft Punk (5:28)',
    );
  });

  it('shows the vote that skipped, and an empty queue', () => {
    const tally = { votes: 2, needed: 2, passed: true };
    expect(renderSkipOutcome('en', { kind: 'skipped', skipped: entry, next: null, by: 'vote', tally }, 'ana')).toBe(
      '⏭️ Skipped **Around the World** by Daft Punk (7:09) (2/2 votes).\nThe queue is empty now.',
    );
  });
});

describe('PlaybackReply', () => {
  it.each([
    [PlaybackReply.volume('en', 100, false), '🔊 Volume set to 100%.'],
    [
      PlaybackReply.volume('en', 50, true),
      '🔊 Volume set to 50%.\n⚙️ Transcoding: volume 50% makes Lavalink re-encode the audio (more CPU). Volume 100 with no filter plays it as is.',
    ],
    [PlaybackReply.filter('en', { preset: null, transcoding: false }), '🎛️ Filters are off.'],
    [
      PlaybackReply.filter('en', { preset: 'nightcore', transcoding: true }),
      '🎛️ Filter set to nightcore.\n⚙️ Transcoding: the nightcore filter makes Lavalink re-encode the audio (more CPU). Volume 100 with no filter plays it as is.',
    ],
    [PlaybackReply.loop('en', 'off'), '➡️ Loop is off.'],
    [PlaybackReply.loop('en', 'track'), '🔂 Looping the current track.'],
    [PlaybackReply.loop('en', 'queue'), '🔁 Looping the queue.'],
    [PlaybackReply.seeked('en', 83_000), '⏩ Jumped to 1:23.'],
    [PlaybackReply.shuffled('en', 1), '🔀 Shuffled 1 track.'],
    [PlaybackReply.removed('en', entry, 3), '🗑️ Removed #3: **Around the World** by Daft Punk (7:09).'],
    [
      PlaybackReply.moved('en', { entry, from: 5, to: 1 }),
      '↕️ Moved **Around the World** by Daft Punk (7:09) from #5 to #1.',
    ],
    [PlaybackReply.paused('en', 'ana'), '⏸️ Paused by <@ana>.'],
  ])('%p', (reply, text) => {
    expect(reply).toBe(text);
  });
});

describe('in German', () => {
  it('says the same in German, with the same placeholders filled', () => {
    expect(PlaybackReply.paused('de', 'ana')).toBe('⏸️ Pausiert von <@ana>.');
    expect(PlaybackReply.shuffled('de', 3)).toBe('🔀 3 Titel gemischt.');
    expect(renderSkipOutcome('de', { kind: 'skipped', skipped: entry, next: null, by: 'requester' }, 'ana')).toBe(
      '⏭️ **Around the World** von Daft Punk (7:09) übersprungen.\nDie Warteschlange ist jetzt leer.',
    );
  });
});

describe(renderFeedbackReceipt.name, () => {
  it.each([
    ['like', { title: 'Da Funk' }, "Noted: you like **Da Funk**. I'll play more like it."],
    ['dislike', { title: 'Da Funk' }, "Noted: you don't like **Da Funk**. I won't pick it for you again."],
  ] as const)('%p %p', (kind, receipt, text) => {
    expect(renderFeedbackReceipt('en', kind, receipt)).toContain(text);
  });
});
