'use client';
// Open maps learn of new data: the server streams the data's version (/api/stream); when it differs
// from the one on screen, the page offers it ("3 new events — show") rather than moving the map
// under the reader's eyes. Showing it revalidates every query of the view.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSWRConfig } from 'swr';
import type { DataVersion } from '@/lib/store/changes';

export interface PendingUpdate {
  events: number;
  movements: number;
}

export function useDataUpdates(shown: DataVersion) {
  const { mutate } = useSWRConfig();
  const [base, setBase] = useState(shown);
  const [latest, setLatest] = useState<DataVersion | null>(null);
  // Until then, a new version is this page's own write (an article added, a review): shown at once,
  // since the reader asked for it, instead of offered as news.
  const ownWriteUntil = useRef(0);
  // Read by refresh(), which a caller may hold from an earlier render (across an await).
  const latestRef = useRef<DataVersion | null>(null);
  const mutateRef = useRef(mutate);
  useEffect(() => {
    mutateRef.current = mutate;
  }, [mutate]);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/stream');
    const onVersion = (e: MessageEvent<string>) => {
      const v = JSON.parse(e.data) as DataVersion;
      latestRef.current = v;
      setLatest(v);
      if (Date.now() < ownWriteUntil.current) {
        setBase(v);
        void mutateRef.current(() => true);
      }
    };
    es.addEventListener('version', onVersion);
    return () => {
      es.removeEventListener('version', onVersion);
      es.close();
    };
  }, []);

  const pending: PendingUpdate | null = latest && latest.revision !== base.revision ? { events: latest.events - base.events, movements: latest.movements - base.movements } : null;
  const show = useCallback(() => {
    if (!latest) return;
    setBase(latest);
    void mutate(() => true);
  }, [latest, mutate]);
  /** After this page wrote: show the new data now, and take the version the stream reports for it as seen. */
  const refresh = useCallback(() => {
    ownWriteUntil.current = Date.now() + 10_000;
    if (latestRef.current) setBase(latestRef.current);
    void mutateRef.current(() => true);
  }, []);
  return { pending, show, refresh, shownRevision: base.revision, shown: base };
}

/** "3 new events — show", or what else changed. */
export function pendingLabel(p: PendingUpdate): string {
  const n = (k: number, w: string) => `${k} new ${w}${k === 1 ? '' : 's'}`;
  const parts = [...(p.events > 0 ? [n(p.events, 'event')] : []), ...(p.movements > 0 ? [n(p.movements, 'movement')] : [])];
  return `${parts.length ? parts.join(', ') : 'The data changed'} — show`;
}
