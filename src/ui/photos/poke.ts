/** Tells the photo sender a new photo is waiting (it loads lazily; a no-op until it has). */
let listener: (() => void) | null = null;

export function onPhotoPoke(fn: (() => void) | null): void {
  listener = fn;
}

export function pokePhotos(): void {
  listener?.();
}
