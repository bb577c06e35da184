import type { JSX } from 'preact';
import type { Language } from '@accord/i18n/panel';
import { languageChoices, setLanguage, t, useLanguage } from '../lib/i18n';

/** The panel's language: the browser's at first, then the one chosen here (kept across reloads). */
export function LanguageSwitch(): JSX.Element {
  const current = useLanguage();
  return (
    <select
      class="language-switch"
      aria-label={t('language.switch')}
      title={t('language.switch')}
      data-testid="language-switch"
      value={current}
      onChange={(event) => void setLanguage(event.currentTarget.value as Language)}
    >
      {languageChoices().map(({ language, name }) => (
        <option key={language} value={language} lang={language}>
          {name}
        </option>
      ))}
    </select>
  );
}
