import { looksLikePersonName } from './given-names';

describe(looksLikePersonName.name, () => {
  it.each([
    ['Nicki Minaj', true],
    ['Carly Rae Jepsen', true],
    ['Jessie J', true],
    ['Ellie Goulding', true],
    ['Zoë Kravitz', true],
    ['Maroon 5', false],
    ['Flo Rida', false],
    ['Will Power', false],
    ['Justin', false],
    ['justin bieber', true],
    ['justin Bieber', false],
    ['David Guetta Sia Titanium', false],
  ])('%j -> %s', (text, person) => {
    expect(looksLikePersonName(text)).toBe(person);
  });
});
