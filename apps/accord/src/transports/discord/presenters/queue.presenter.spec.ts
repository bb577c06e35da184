import { ComponentType } from 'discord.js';
import { QueueEntryFactory, SnapshotFactory, TrackFactory } from '../../../domain/playback/testing/playback.factory';
import { pageCount, parseQueuePageId, queuePageId, renderQueuePage } from './queue.presenter';

type Button = { custom_id: string; disabled?: boolean };
const buttonsOf = (view: ReturnType<typeof renderQueuePage>): Button[] =>
  view.components.flatMap((row) => row.components as unknown as Button[]);

describe(renderQueuePage.name, () => {
  const queue = Array.from({ length: 23 }, (_, index) =>
    QueueEntryFactory.create({ track: TrackFactory.create({ title: `Track ${index + 1}`, durationMs: 60_000 }) }),
  );
  const snapshot = SnapshotFactory.create({ queue });

  it.each([
    { page: 0, first: 1, last: 10, label: 'Page 1/3' },
    { page: 1, first: 11, last: 20, label: 'Page 2/3' },
    { page: 2, first: 21, last: 23, label: 'Page 3/3' },
    { page: 7, first: 21, last: 23, label: 'Page 3/3' },
    { page: -4, first: 1, last: 10, label: 'Page 1/3' },
  ])('page $page lists entries $first-$last ($label)', ({ page, first, last, label }) => {
    const [embed] = renderQueuePage('en', snapshot, page).embeds;
    const numbers = [...(embed.description ?? '').matchAll(/`(\d+)\.`/g)].map((match) => Number(match[1]));
    expect(numbers[0]).toBe(first);
    expect(numbers.at(-1)).toBe(last);
    expect(embed.footer?.text).toBe(`${label} · Loop: off`);
  });

  it.each([
    { page: 0, prev: true, next: false },
    { page: 1, prev: false, next: false },
    { page: 2, prev: false, next: true },
  ])('page $page has prev/next buttons (disabled: $prev/$next)', ({ page, prev, next }) => {
    const view = renderQueuePage('en', snapshot, page);
    expect(view.components[0].type).toBe(ComponentType.ActionRow);
    expect(buttonsOf(view)).toEqual([
      expect.objectContaining({ custom_id: `queue:page:${page - 1}`, ...(prev ? { disabled: true } : {}) }),
      expect.objectContaining({ custom_id: `queue:page:${page + 1}`, ...(next ? { disabled: true } : {}) }),
    ]);
  });

  it('shows the current track, the count, the total length and who asked', () => {
    const [embed] = renderQueuePage('en', snapshot, 0).embeds;
    expect(embed.title).toBe('Queue: 23 tracks (23:00)');
    expect(embed.description).toContain(`▶️ **${snapshot.current?.entry.track.title}**`);
    expect(embed.description).toContain('`1.` **Track 1** by');
    expect(embed.description).toContain('· <@user-1>');
  });

  it('has no buttons for a single page, and says when nothing else is queued', () => {
    const view = renderQueuePage('en', SnapshotFactory.create(), 0);
    expect(view.components).toEqual([]);
    expect(view.embeds[0].description).toContain('Nothing else is queued.');
  });

  it('says the queue is empty without a session', () => {
    expect(renderQueuePage('en', null, 0).embeds[0].title).toBe('The queue is empty');
    expect(renderQueuePage('en', SnapshotFactory.create({ current: null }), 0).embeds[0].title).toBe(
      'The queue is empty',
    );
    expect(renderQueuePage('de', null, 0).embeds[0].title).toBe('Die Warteschlange ist leer');
  });

  it('marks autoplay entries with their reason', () => {
    const auto = QueueEntryFactory.create({
      requestedBy: undefined,
      source: 'autoplay',
      reason: 'Because Ana plays Air',
    });
    const [embed] = renderQueuePage('en', SnapshotFactory.create({ queue: [auto] }), 0).embeds;
    expect(embed.description).toContain('Autoplay: Because Ana plays Air');
  });
});

describe(parseQueuePageId.name, () => {
  it.each<[string, number | null]>([
    [queuePageId(3), 3],
    ['queue:page:0', 0],
    ['queue:page:-1', -1],
    ['queue:page:x', null],
    ['queue:pages:1', null],
    ['np:pause', null],
  ])('%p -> %p', (id, page) => {
    expect(parseQueuePageId(id)).toBe(page);
  });
});

describe(pageCount.name, () => {
  it.each([
    [0, 1],
    [1, 1],
    [10, 1],
    [11, 2],
    [500, 50],
  ])('%p entries make %p pages', (length, pages) => {
    expect(pageCount(length)).toBe(pages);
  });
});
