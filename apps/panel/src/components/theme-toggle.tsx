import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { applyTheme, nextTheme, storedTheme, type ThemeChoice } from '../lib/theme';

/** Cycles system -> light -> dark; the choice survives a reload. */
export function ThemeToggle(): JSX.Element {
  const [theme, setTheme] = useState<ThemeChoice>(storedTheme);
  const label = theme === 'auto' ? 'Theme: system' : theme === 'light' ? 'Theme: light' : 'Theme: dark';
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
