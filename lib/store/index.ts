// The one door to the data: routes, pages and the preview read through getStore(), which answers the
// contract in ./contract.ts. DATABASE_URL names the backend (only SQLite, `file:PATH`, today); a
// PostGIS adapter will be chosen here by its URL scheme without touching any caller.
import 'server-only';
import type { Store } from './contract';
import { createStore } from './index-sqlite';

export type * from './contract';
export { isStoreBusy } from './contract';

// One store per server process. Kept on globalThis because Next may load this module once per
// route bundle, and every copy must share one database connection and its caches.
const holder = globalThis as unknown as { __situationMapStore?: Store };

export function getStore(): Store {
  holder.__situationMapStore ??= createStore();
  return holder.__situationMapStore;
}
