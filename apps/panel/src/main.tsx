import { render } from 'preact';
import { App } from './app';
import { startLanguage } from './lib/i18n';
import { applyTheme, storedTheme } from './lib/theme';
import './styles.css';

// Before the first render, so a stored dark theme does not flash light.
applyTheme(storedTheme());
// The chosen language's messages arrive before the first render, so the page does not switch under the reader.
void startLanguage().then(() => {
  const root = document.getElementById('app');
  if (root) render(<App />, root);
});
