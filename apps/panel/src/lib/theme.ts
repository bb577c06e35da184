/** `auto` follows the system (`prefers-color-scheme`); the choice is kept in localStorage. */
export type ThemeChoice = 'auto' | 'light' | 'dark';

const KEY = 'accord-theme';

export function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'auto';
  } catch {
    return 'auto';
  }
}

export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
  try {
    if (choice === 'auto') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Private browsing may refuse storage: the theme still applies to this page.
  }
}

export function nextTheme(choice: ThemeChoice): ThemeChoice {
  switch (choice) {
    case 'auto':
      return 'light';
    case 'light':
      return 'dark';
    case 'dark':
      return 'auto';
  }
}
