/** The app's clock and id source; the domain never reads them itself. */
import { uuidv7 } from '../domain/ids';

export const now = (): number => Date.now();
export const newId = (): string => uuidv7(Date.now(), (n) => crypto.getRandomValues(new Uint8Array(n)));
