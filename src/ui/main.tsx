import { render } from 'preact';
import { App, primeFirstScreen } from './app';
import { ErrorBoundary } from './boundary';
import { listenForInstallPrompt } from './install';
import { askPersistence } from './storage';
import { installTapGuard } from './tap-guard';
import { readStart } from './start';
import { registerServiceWorker } from './update';
import './styles.css';

// Tells src/boot/boot.js the bundle parsed and runs on this engine (else it shows 浏览器版本太旧).
(window as { __xzwStarted?: boolean }).__xzwStarted = true;
listenForInstallPrompt();
installTapGuard();
registerServiceWorker();
void askPersistence();
// Retention is off the first load: its own chunk, a few seconds after start.
setTimeout(() => void import('./retention').then((m) => m.scheduleRetention()), 5_000);
// Drawn once the team and the PIN setting are read (start.ts): the first frame is a screen, not an empty one.
void readStart(primeFirstScreen).then(() => render(<ErrorBoundary><App /></ErrorBoundary>, document.getElementById('app')!));
