import { render } from 'preact';
import { App } from './app';
import { listenForInstallPrompt } from './install';
import { askPersistence } from './storage';
import { registerServiceWorker } from './update';
import './styles.css';

listenForInstallPrompt();
registerServiceWorker();
void askPersistence();
render(<App />, document.getElementById('app')!);
