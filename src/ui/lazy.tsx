import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { showError } from './errors';

/**
 * A screen loaded on first use, to keep the phone's first load to the shift screen.
 * All chunks are precached by the service worker, so this works offline too.
 */
export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
  placeholder: () => JSX.Element | null = () => <main><p class="muted">加载中…</p></main>,
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyScreen(props: P) {
    const [C, setC] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (C) return;
      if (!pending) pending = load().then((c) => (loaded = c));
      pending.then((c) => setC(() => c)).catch(showError);
    }, [C]);
    return C ? <C {...props} /> : placeholder();
  };
}
