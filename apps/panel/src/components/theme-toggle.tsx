import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { applyTheme, nextTheme, storedTheme, type ThemeChoice } from '../lib/theme';

/** Cycles system -> light -> dark; the choice survives a reload. */
export function ThemeToggle(): JSX.Element {
  const [theme, setTheme] = useState<ThemeChoice>(storedTheme);
  const label = t(`theme.${theme}`);
  const icon = theme === 'auto' ? '◐' : theme === 'light' ? '☀' : '☾';
  return (
    <button
      type="button"
      class="secondary small icon"
      title={label}
      aria-label={label}
      data-testid="theme-toggle"
      onClick={() => {
        const next = nextTheme(theme);
        applyTheme(next);
        setTheme(next);
      }}
    >
      {icon}
    </button>
  );
}
