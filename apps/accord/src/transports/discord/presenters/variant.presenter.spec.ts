import { variantLabel } from './variant.presenter';

describe(variantLabel.name, () => {
  it.each([
    ['en', 'live', 'live'],
    ['en', 'cover:pentatonix', 'cover by pentatonix'],
    ['en', 'remix', 'remix'],
    ['en', 'remix:skrillex', 'skrillex remix'],
    ['en', 'language:japanese', 'Japanese version'],
    ['en', 'language:other', 'another language'],
    ['en', 'sped-up', 'sped up'],
    ['de', 'live', 'live'],
    ['de', 'cover:pentatonix', 'Cover von pentatonix'],
    ['de', 'language:japanese', 'Version auf Japanisch'],
    ['ja', 'karaoke', 'カラオケ'],
    ['fr', 'language:english', 'version en anglais'],
  ] as const)('reads %s %j as %j', (language, variant, label) => {
    expect(variantLabel(language, variant)).toBe(label);
  });

  it('shows a kind it does not know as stored', () => {
    expect(variantLabel('de', 'hologram')).toBe('hologram');
  });
});
