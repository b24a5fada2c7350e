import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { showError } from './errors';

/**
 * A screen loaded on first use, to keep the phone's first load to the shift screen.
 * All chunks are precached by the service worker, so this works offline too.
 */
export type LazyScreen<P extends object> = ComponentType<P> & {
  /** Starts loading now; a screen loaded before its first render shows at once, with no placeholder frame. */
  preload(): Promise<ComponentType<P>>;
};

export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
  placeholder: () => JSX.Element | null = () => <main><p class="muted">加载中…</p></main>,
): LazyScreen<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = () => {
    if (!pending) pending = load().then((c) => (loaded = c));
    return pending;
  };
  function LazyScreen(props: P) {
    const [C, setC] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (C) return;
      preload().then((c) => setC(() => c)).catch(showError);
    }, [C]);
    return C ? <C {...props} /> : placeholder();
  }
  return Object.assign(LazyScreen, { preload });
}
