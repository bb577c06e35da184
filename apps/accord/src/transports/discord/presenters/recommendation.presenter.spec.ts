import { QueueEntryFactory, TrackFactory } from '../../../domain/playback/testing/playback.factory';
import type { AutoplayPick } from '../../../use-cases/autoplay/autoplay.types';
import { RecommendationReply } from './recommendation.presenter';

describe('RecommendationReply.why', () => {
  const entry = QueueEntryFactory.create({
    source: 'autoplay',
    track: TrackFactory.create({ title: 'Around the World', author: 'Daft Punk' }),
  });
  const pick = (sources: string[]): AutoplayPick => ({
    guildId: 'g1',
    entryId: entry.id,
    trackKey: 'daft punk|around the world|',
    title: 'Around the World',
    artist: 'Daft Punk',
    reason: 'Popular in this server',
    because: { kind: 'popular' },
    isDiscovery: false,
    fits: [],
    listeners: [],
    sources,
    reports: [],
    relaxation: 0,
    pickCpuMs: 1,
    modelTrainedAt: null,
    at: new Date(0),
  });
  const description = (language: 'en' | 'de', sources: string[]): string =>
    RecommendationReply.why(language, entry, pick(sources)).embeds[0].description ?? '';

  it('names the sources that found the song as a listener reads them, not by their ids', () => {
    expect(description('en', ['co-listening', 'deezer', 'lastfm', 'library', 'youtube-mix'])).toContain(
      'Found through: what this server plays together, Deezer, Last.fm, your imported libraries, YouTube mixes',
    );
  });

  it('words them in the reader language', () => {
    expect(description('de', ['co-listening', 'youtube-mix'])).toContain(
      'Gefunden über: was auf diesem Server zusammen gehört wird, YouTube-Mixe',
    );
  });

  it('keeps the id of a source it has no name for', () => {
    expect(description('en', ['radio'])).toContain('Found through: radio');
  });
});
