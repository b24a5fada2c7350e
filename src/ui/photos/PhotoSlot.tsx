/**
 * Photos of one item (a 班前会, a hazard found or fixed …): one tap opens the camera (or the
 * gallery), the photo is made small in a worker, then stored. The record is saved first
 * (`ensureOwner`); the photo follows in its own write, so a failed photo never loses a record.
 * Loaded lazily (index.tsx): none of this is in the phone's first load.
 */
import { useEffect, useState } from 'preact/hooks';
import { PHOTOS_PER_ITEM, type PhotoOwnerTable, type PhotoRole } from '../../domain/photo';
import { addPhoto, photosOf, type PhotoRow } from '../../db/photos';
import { useLive } from '../hooks';
import { pokePhotos } from './poke';
import { PhotoViewer, Thumb } from './Thumb';
import { freeBytes, mb, SHORT_BYTES } from './storage-check';
import './photos.css';

export interface PhotoSlotProps {
  ownerTable: PhotoOwnerTable;
  ownerId: string | null | undefined;
  role: PhotoRole;
  label: string;
  /** Saves the record when it does not exist yet and returns its id. */
  ensureOwner?: () => Promise<string>;
  readOnly?: boolean;
}

function zhError(e: unknown): string {
  const name = (e as { name?: string }).name ?? '';
  if (name === 'QuotaExceededError' || /quota/i.test(String(e))) return '手机存储空间不足，照片没有保存（记录已保存）。请先发送数据或清理手机后再拍。';
  return `照片没有保存（记录已保存）：${e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : '无法处理这张照片'}`;
}

export function PhotoSlot(p: PhotoSlotProps) {
  const rows = useLive(() => (p.ownerId ? photosOf(p.ownerId, p.role) : Promise.resolve([] as PhotoRow[])), [p.ownerId, p.role]) ?? [];
  const [free, setFree] = useState<number | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState('');
  const [viewing, setViewing] = useState<PhotoRow | null>(null);
  useEffect(() => { void freeBytes().then(setFree); }, [rows.length]);

  const take = async (file: File) => {
    setError('');
    setProgress(0);
    try {
      const ownerId = p.ownerId ?? (p.ensureOwner ? await p.ensureOwner() : null);
      if (!ownerId) throw new Error('记录尚未保存');
      const { makePhoto } = await import('../../photos/process');
      const made = await makePhoto(file, setProgress);
      await addPhoto({ table: p.ownerTable, id: ownerId, role: p.role }, made);
      pokePhotos();
    } catch (e) {
      setError(zhError(e));
    } finally {
      setProgress(null);
    }
  };
  const short = free !== null && free < SHORT_BYTES;
  const canAdd = !p.readOnly && rows.length < PHOTOS_PER_ITEM;
  return (
    <div class="photo-slot" data-testid={`photos-${p.role}`}>
      {rows.length > 0 && (
        <div class="photo-row">{rows.map((r) => <Thumb key={r.id} row={r} onOpen={() => setViewing(r)} />)}</div>
      )}
      {canAdd && short && (
        <p class="error" role="alert" data-testid="storage-short">
          手机存储空间不足（剩余约 {mb(free ?? 0)} MB），照片可能存不下；已填的记录不受影响。请先发送数据或清理手机。
        </p>
      )}
      {canAdd && progress === null && (
        <label class="btn photo-take">
          📷 {p.label}{rows.length > 0 ? `（${rows.length}/${PHOTOS_PER_ITEM}）` : ''}
          <input type="file" accept="image/*" capture="environment" class="sr-only" aria-label={p.label}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (f) void take(f);
            }} />
        </label>
      )}
      {progress !== null && (
        <p class="hint" role="status" data-testid="photo-progress">正在处理照片… {Math.round(progress * 100)}%</p>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {viewing && <PhotoViewer row={viewing} onClose={() => setViewing(null)} />}
    </div>
  );
}
