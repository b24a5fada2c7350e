/** Which way of installing this browser offers, decided from the user agent and display mode. */
import { signal } from './signal';

export type InstallWay = 'installed' | 'wechat' | 'ios' | 'prompt' | 'menu';

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export const installPrompt = signal<BeforeInstallPromptEvent | null>(null);

export function listenForInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (e) => {
    e.preventDefault(); // show our own zh-CN button instead of the browser's mini-bar
    installPrompt.value = e as BeforeInstallPromptEvent;
  });
  window.addEventListener('appinstalled', () => (installPrompt.value = null));
}

export function installWay(ua: string, standalone: boolean, hasPrompt: boolean): InstallWay {
  if (standalone) return 'installed';
  if (/MicroMessenger/i.test(ua)) return 'wechat';
  if (/iPhone|iPad|iPod/i.test(ua)) return 'ios';
  return hasPrompt ? 'prompt' : 'menu';
}

export function isStandalone(): boolean {
  return window.matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;
}
