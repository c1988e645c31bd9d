'use client';
// The URL is the single source of the view: this hook keeps only the address bar's query string,
// and everything drawn derives from it through lib/resolve-view, exactly as the server render does.
// Map moves replace the history entry; choices push one; Back/Forward just read the URL again.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ASSUME_KNOWN, resolveView, type DataFacts, type ResolvedView } from '@/lib/resolve-view';
import { parseUrlState, serializeUrlState, type UrlState } from '@/lib/url-state';

export type HistoryMode = 'push' | 'replace';
export type StatePatch = { [K in keyof UrlState]?: UrlState[K] | undefined };

export function resolveSearch(search: string, facts: DataFacts): ResolvedView {
  return resolveView(parseUrlState(new URLSearchParams(search)), facts, ASSUME_KNOWN);
}

export function useUrlState(initialSearch: string, facts: DataFacts) {
  const [search, setSearch] = useState(initialSearch);
  const searchRef = useRef(search);
  /** bumps on Back/Forward so the map jumps to the restored camera */
  const [restoreKey, setRestoreKey] = useState(0);
  const resolved = useMemo(() => resolveSearch(search, facts), [search, facts]);

  const apply = useCallback((qs: string) => {
    searchRef.current = qs;
    setSearch(qs);
  }, []);

  const update = useCallback(
    (patch: StatePatch, mode: HistoryMode) => {
      // Always from the latest URL, so two updates in one event do not undo each other.
      const next: UrlState = { ...resolveSearch(searchRef.current, facts).state, ...patch } as UrlState;
      for (const k of Object.keys(patch) as (keyof UrlState)[]) if (patch[k] === undefined) delete next[k];
      if (patch.event) delete next.movement;
      if (patch.movement) delete next.event;
      const qs = serializeUrlState(resolveView(next, facts, ASSUME_KNOWN).state);
      if (qs === searchRef.current) return;
      const url = `${window.location.pathname}${qs ? `?${qs}` : ''}`;
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
      apply(qs);
    },
    [facts, apply],
  );

  useEffect(() => {
    // The address bar shows the canonical link: clamped values, duplicate and unknown keys dropped.
    const current = window.location.search.replace(/^\?/, '');
    if (current !== initialSearch) window.history.replaceState(null, '', `${window.location.pathname}${initialSearch ? `?${initialSearch}` : ''}${window.location.hash}`);
    const onPop = () => {
      apply(serializeUrlState(resolveSearch(window.location.search, facts).state));
      setRestoreKey((k) => k + 1);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { resolved, update, restoreKey };
}
