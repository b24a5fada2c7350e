import { useEffect, useState } from 'preact/hooks';
import { PHOTO_ROLES } from '../../domain/photo';
import { fullPhoto, type PhotoRow } from '../../db/photos';

/** An object URL for a Blob, revoked when the Blob changes or the component goes. */
function useBlobUrl(blob: Blob | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return setUrl(null);
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url;
}

export function Thumb({ row, onOpen }: { row: PhotoRow; onOpen: () => void }) {
  const url = useBlobUrl(row.thumb);
  return (
    <button type="button" class="photo-thumb" onClick={onOpen} aria-label={`查看${PHOTO_ROLES[row.role]}照片`}
      data-state={row.state}>
      {url && <img src={url} alt="" />}
      {row.state === 'queued' && <span class="photo-dot" aria-hidden="true">↑</span>}
    </button>
  );
}

export function PhotoViewer({ row, onClose }: { row: PhotoRow; onClose: () => void }) {
  const [blob, setBlob] = useState<Blob | null | undefined>(undefined);
  useEffect(() => { void fullPhoto(row.id).then(setBlob); }, [row.id]);
  const url = useBlobUrl(blob ?? row.thumb);
  return (
    <div class="photo-viewer" role="dialog" aria-label="照片">
      {url && <img src={url} alt={PHOTO_ROLES[row.role]} />}
      {blob === null && <p class="hint">原图已在服务器保存，手机上只留缩略图。</p>}
      <button type="button" class="primary" onClick={onClose}>关闭</button>
    </div>
  );
}
