import { parseLrc } from './lrc';

describe(parseLrc.name, () => {
  it.each([
    ['[00:12.34] Hello there', [{ timeMs: 12_340, text: 'Hello there' }]],
    ['[01:02.5]Half', [{ timeMs: 62_500, text: 'Half' }]],
    ['[00:03.123] Millis', [{ timeMs: 3_123, text: 'Millis' }]],
    ['[00:04] No fraction', [{ timeMs: 4_000, text: 'No fraction' }]],
    ['[00:05:50] Colon fraction', [{ timeMs: 5_500, text: 'Colon fraction' }]],
    ['[00:07.00] ', [{ timeMs: 7_000, text: '' }]],
    ['[ar:Someone]\n[offset:+100]\nno time\n[00:01.00] One', [{ timeMs: 1_000, text: 'One' }]],
    ['[00:99.00] bad seconds', []],
    ['', []],
  ])('reads %j', (text, expected) => {
    expect(parseLrc(text)).toEqual(expected);
  });

  it('sings a line with several time tags at each, in time order', () => {
    expect(parseLrc('[00:10.00] Verse\n[00:05.00][00:20.00] Chorus\r\n')).toEqual([
      { timeMs: 5_000, text: 'Chorus' },
      { timeMs: 10_000, text: 'Verse' },
      { timeMs: 20_000, text: 'Chorus' },
    ]);
  });
});
