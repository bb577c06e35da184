import { artistOnRight, looksLikeArtist, sentenceScore } from './title-order';

describe(sentenceScore.name, () => {
  it.each([
    ['Somebody That I Used to Know', 5],
    ['Part of Me', 3],
    ['Rolling in the Deep', 2],
    ['The Beatles', 0],
    ['Wild Ones', 0],
  ])('%j scores %d', (text, score) => {
    expect(sentenceScore(text)).toBe(score);
  });
});

describe(looksLikeArtist.name, () => {
  it.each([
    ['Gotye', true],
    ['The Weeknd', true],
    ['Carly Rae Jepsen', true],
    ['Me', false],
    ['2012', false],
    ['A Band With Far Too Many Words', false],
  ])('%j -> %s', (text, looks) => {
    expect(looksLikeArtist(text)).toBe(looks);
  });
});

describe(artistOnRight.name, () => {
  it.each([
    ['Somebody That I Used to Know', 'Gotye', true],
    ['Take Me to Church', 'Hozier', true],
    ['50 Ways to Say Goodbye', 'Train', true],
    ['Wild Ones', 'Flo Rida', false],
    ['Queen', 'Bohemian Rhapsody', false],
    ['The Rolling Stones', 'Paint It Black', false],
    ['Panic! at the Disco', 'High Hopes', false],
    ['Starships', 'Nicki Minaj', true],
    ['Titanium', 'David Guetta ft. Sia', true],
    ['The Beatles', 'Eleanor Rigby', false],
    ['Michael Jackson', 'Billie Jean', false],
    ['Coldplay', 'Will Power', false],
  ])('%j - %j -> %s', (left, right, swap) => {
    expect(artistOnRight(left, right)).toBe(swap);
  });
});
