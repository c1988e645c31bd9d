// Tells open maps that the data changed, whoever wrote it (this server, the ingest CLI, an importer):
// one poll of the store's revision per process, shared by every listener, only while someone listens.
import 'server-only';
import type { Store } from './contract';

export interface DataVersion {
  revision: string;
  /** totals, so a map can say how many events arrived since the version it shows */
  events: number;
  movements: number;
  /** the span of all data, so a map widens its date domain to what arrived */
  extent: { from: string; to: string } | null;
}

type Listener = (v: DataVersion) => void;

interface Poller {
  listeners: Set<Listener>;
  timer: ReturnType<typeof setInterval> | null;
  last: DataVersion | null;
}

// Shared across route bundles, as the store is (lib/store/index.ts).
const holder = globalThis as unknown as { __situationMapChanges?: Poller };
const poller = (holder.__situationMapChanges ??= { listeners: new Set(), timer: null, last: null });

export const POLL_MS = 1000;

export async function dataVersion(store: Store): Promise<DataVersion> {
  const revision = await store.revision();
  if (poller.last?.revision === revision) return poller.last;
  const [events, movements, extent] = await Promise.all([store.countEvents({}), store.movements({}).then((m) => m.length), store.extent()]);
  poller.last = { revision, events, movements, extent: extent ? { from: extent.start, to: extent.end } : null };
  return poller.last;
}

/** Calls `listener` with each new version; returns the unsubscribe function. */
export function onDataChange(store: Store, listener: Listener): () => void {
  poller.listeners.add(listener);
  if (!poller.timer) {
    let seen = poller.last?.revision;
    let busy = false;
    poller.timer = setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        const v = await dataVersion(store);
        if (v.revision !== seen) {
          seen = v.revision;
          for (const l of poller.listeners) l(v);
        }
      } catch {
        // a failed poll (the database briefly locked by a writer) is retried on the next tick
      } finally {
        busy = false;
      }
    }, POLL_MS);
  }
  return () => {
    poller.listeners.delete(listener);
    if (poller.listeners.size === 0 && poller.timer) {
      clearInterval(poller.timer);
      poller.timer = null;
    }
  };
}
