'use client';
// Keeps the permalink and the app state in step, through lib/url-state only: moves replace the
// history entry, discrete choices push one, and Back/Forward restore the state they left.
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseUrlState, serializeUrlState, type UrlState } from '@/lib/url-state';

export type HistoryMode = 'push' | 'replace';

export function useUrlState(initial: UrlState) {
  const [state, setState] = useState<UrlState>(initial);
  const stateRef = useRef(state);
  stateRef.current = state;
  /** bumps on Back/Forward so the map jumps to the restored view */
  const [restoreKey, setRestoreKey] = useState(0);

  const update = useCallback((patch: Partial<UrlState>, mode: HistoryMode) => {
    const prev = stateRef.current;
    const next: UrlState = { ...prev, ...patch };
    for (const k of Object.keys(patch) as (keyof UrlState)[]) if (patch[k] === undefined) delete next[k];
    const qs = serializeUrlState(next);
    if (qs === serializeUrlState(prev)) return;
    stateRef.current = next;
    setState(next);
    const url = `${window.location.pathname}${qs ? `?${qs}` : ''}`;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  useEffect(() => {
    const onPop = () => {
      const restored = parseUrlState(new URLSearchParams(window.location.search));
      stateRef.current = restored;
      setState(restored);
      setRestoreKey((k) => k + 1);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  return { state, update, restoreKey };
}
