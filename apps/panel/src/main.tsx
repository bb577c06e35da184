import { render } from 'preact';
import { App } from './app';
import { applyTheme, storedTheme } from './lib/theme';
import './styles.css';

// Before the first render, so a stored dark theme does not flash light.
applyTheme(storedTheme());

const root = document.getElementById('app');
if (root) render(<App />, root);
