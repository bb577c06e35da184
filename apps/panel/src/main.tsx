import { render } from 'preact';
import { App } from './app';
import { startLanguage } from './lib/i18n';
import { applyTheme, storedTheme } from './lib/theme';
import './styles.css';

// Before the first render, so a stored dark theme does not flash light.
applyTheme(storedTheme());
startLanguage();

const root = document.getElementById('app');
if (root) render(<App />, root);
