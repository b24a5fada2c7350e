/** A photo was stored: count it for the badge, and a sync run soon (records first, then the photo). */
import { getSyncEngine } from '../syncEngine';

export function pokePhotos(): void {
  void import('../../sync/photos').then((m) => m.photoSender().count()).catch(() => undefined);
  getSyncEngine().poke();
}
