/**
 * The photo slot as it is imported by screens: a stub that loads the real one (and with it
 * the photo repository) on first render; the processing code loads only when a photo is taken.
 */
import { lazyScreen } from '../lazy';
import type { PhotoSlotProps } from './PhotoSlot';

export const PhotoSlot = lazyScreen<PhotoSlotProps>(() => import('./PhotoSlot').then((m) => m.PhotoSlot), () => null);
