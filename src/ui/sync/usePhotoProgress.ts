/**
 * The badge's photo part. The count of queued photos is read a moment after start by the
 * (lazy) photo sender, so photos left from before a reload show even with no signal.
 */
import { useEffect, useState } from 'preact/hooks';
import { photoBadgeText, subscribePhotoProgress } from '../../sync/photos/progress';

let counted = false;

export function usePhotoProgress(): string {
  const [text, setText] = useState('');
  useEffect(() => subscribePhotoProgress((p) => setText(photoBadgeText(p))), []);
  useEffect(() => {
    if (counted) return;
    counted = true;
    const t = setTimeout(() => void import('../../sync/photos').then((m) => m.photoSender().count()).catch(() => undefined), 1500);
    return () => clearTimeout(t);
  }, []);
  return text;
}
