/** Sync UI for the lead to mount: <SyncBadge engine/> in the header, <OutboxScreen engine/> as a screen. */
export { SyncBadge } from './SyncBadge';
export { OutboxScreen } from './OutboxScreen';
export { EnrolForm } from './EnrolForm';
