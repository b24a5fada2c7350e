import { render } from 'preact';
import { App } from './app';
import { listenForInstallPrompt } from './install';
import { askPersistence } from './storage';
import { registerServiceWorker } from './update';
import './styles.css';

listenForInstallPrompt();
registerServiceWorker();
void askPersistence();
// Retention is off the first load: its own chunk, a few seconds after start.
setTimeout(() => void import('./retention').then((m) => m.scheduleRetention()), 5_000);
render(<App />, document.getElementById('app')!);
