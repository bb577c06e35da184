import { completenessProblems, discordLimitProblems, flatten, placeholdersOf } from './message-checks';

const english = flatten('playback', {
  skipped: 'Skipped {{title}}.',
  queued_one: 'Queued one song by {{artist}}.',
  queued_other: 'Queued {{count}} songs by {{artist}}.',
  nested: { paused: 'Paused.' },
});

describe('completenessProblems', () => {
  it('accepts a complete translation with its own plural forms', () => {
    const polish = flatten('playback', {
      skipped: 'Pominięto {{title}}.',
      queued_one: 'Dodano jedną piosenkę {{artist}}.',
      queued_few: 'Dodano {{count}} piosenki {{artist}}.',
      queued_many: 'Dodano {{count}} piosenek {{artist}}.',
      queued_other: 'Dodano {{count}} piosenki {{artist}}.',
      nested: { paused: 'Wstrzymano.' },
    });
    expect(completenessProblems('pl', polish, english)).toEqual([]);
  });

  it.each([
    [
      'a missing key',
      { queued_one: 'x {{artist}}', queued_other: '{{count}} {{artist}}' },
      'de: missing playback:skipped',
    ],
    [
      'an extra key',
      {
        skipped: '{{title}}',
        queued_one: '{{artist}}',
        queued_other: '{{count}} {{artist}}',
        stray: 'x',
        nested: { paused: 'x' },
      },
      'de: extra playback:stray',
    ],
    [
      'another placeholder',
      { skipped: '{{name}}', queued_one: '{{artist}}', queued_other: '{{count}} {{artist}}', nested: { paused: 'x' } },
      'de: playback:skipped has placeholders {name}, English {title}',
    ],
    [
      'a missing plural form',
      { skipped: '{{title}}', queued_other: '{{count}} {{artist}}', nested: { paused: 'x' } },
      'de: missing playback:queued_one',
    ],
    [
      'a plural form the language does not have',
      {
        skipped: '{{title}}',
        queued_one: '{{artist}}',
        queued_few: '{{count}} {{artist}}',
        queued_other: '{{count}} {{artist}}',
        nested: { paused: 'x' },
      },
      'de: extra plural form playback:queued_few',
    ],
    [
      'an empty message',
      { skipped: '{{title}}', queued_one: '{{artist}}', queued_other: '{{count}} {{artist}}', nested: { paused: ' ' } },
      'de: playback:nested.paused is empty',
    ],
  ])('reports %s', (_, german, problem) => {
    expect(completenessProblems('de', flatten('playback', german), english)).toContain(problem);
  });

  it('asks Japanese for the one form it has', () => {
    const japanese = flatten('playback', {
      skipped: '{{title}}をスキップしました。',
      queued_other: '{{artist}}の曲を{{count}}曲追加しました。',
      nested: { paused: '一時停止しました。' },
    });
    expect(completenessProblems('ja', japanese, english)).toEqual([]);
  });
});

describe('placeholdersOf', () => {
  it('reads names, with or without a format', () => {
    expect([...placeholdersOf('{{count}} of {{ total }} at {{when, datetime}}')]).toEqual(['count', 'total', 'when']);
  });

  it('counts a nested message as a placeholder', () => {
    expect([...placeholdersOf('Not a time. $t(errors:seek.how)')]).toEqual(['$t(errors:seek.how)']);
  });
});

describe('discordLimitProblems', () => {
  it.each([
    ['commands:play.name', 'Abspielen', 'is not lowercase'],
    ['commands:play.name', 'spiel ab', "does not fit Discord's name rule"],
    ['commands:play.name', 'a'.repeat(33), "does not fit Discord's name rule"],
    ['commands:play.description', 'x'.repeat(101), 'longer than 100'],
    ['commands:loop.options.mode.choices.track', 'x'.repeat(101), 'longer than 100'],
    ['nowPlaying:buttons.skip', 'x'.repeat(81), 'longer than 80'],
    ['queue:embed.title', 'x'.repeat(257), 'longer than 256'],
    ['profile:topArtists.value', 'x'.repeat(1025), 'longer than 1024'],
    ['errors:queueFull', 'x'.repeat(2001), 'longer than 2000'],
  ])('refuses %s = %s', (key, text, problem) => {
    expect(discordLimitProblems('de', key, text).join('\n')).toContain(problem);
  });

  it.each([
    ['commands:play.name', 'abspielen'],
    ['commands:play.name', '再生'],
    ['commands:twentyfourseven.name', '24-7'],
    ['commands:play.description', 'x'.repeat(100)],
    ['nowPlaying:buttons.skip', 'x'.repeat(80)],
  ])('accepts %s = %s', (key, text) => {
    expect(discordLimitProblems('de', key, text)).toEqual([]);
  });
});
