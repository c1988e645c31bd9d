'use client';
// "Show on the map" for items just read from an article. They may lie outside the dates the page
// knew of when it loaded (the timeline's domain), which would clamp them away: the domain is widened
// first, and the range and selection are written once the URL state knows the wider domain.
import { useCallback, useEffect, useState } from 'react';
import { itemsView } from '@/lib/article-panel';
import { EVENT_ZOOM } from '@/lib/map/camera';
import { widenDomain, type DataFacts } from '@/lib/resolve-view';
import type { DateRange } from '@/lib/timeline';
import type { ExtractedEntry } from './extracted-item';
import type { FlyTarget } from './map-view';
import type { StatePatch } from './use-url-state';

const coordsOf = (e: ExtractedEntry): [number, number][] => {
  const g = e.feature.geometry;
  return g.type === 'Point' ? [g.coordinates as [number, number]] : (g.coordinates as [number, number][]);
};

type Setter<T> = (f: (prev: T) => T) => void;

export function useShowExtracted(range: DateRange, update: (patch: StatePatch, mode: 'push') => void, setTarget: (t: FlyTarget) => void, setFacts: Setter<DataFacts>) {
  const [pending, setPending] = useState<StatePatch | null>(null);

  useEffect(() => {
    if (!pending) return;
    update(pending, 'push');
    setPending(null);
  }, [pending, update]);

  /** All the items together, or one of them selected (its popup open). */
  const show = useCallback(
    (entries: readonly ExtractedEntry[], one?: ExtractedEntry) => {
      const shown = one ? [one] : entries.filter((e) => e.feature.properties.extraction?.review !== 'rejected');
      const v = itemsView(
        shown.map((e) => ({ start: e.feature.properties.start, end: e.feature.properties.end, coords: coordsOf(e) })),
        one ? EVENT_ZOOM : 8,
      );
      if (!v) return;
      // One item inside the range on screen keeps the range; otherwise the range becomes the items'.
      const keep = one && v.from <= range.to && v.to >= range.from;
      const dates = keep ? {} : { from: v.from, to: v.to };
      setFacts((f) => widenDomain(f, v));
      setTarget({ key: Date.now(), view: { lng: v.lng, lat: v.lat, zoom: v.zoom }, animate: true, lift: !!one });
      setPending({ ...dates, event: one?.kind === 'event' ? one.id : undefined, movement: one?.kind === 'movement' ? one.id : undefined });
    },
    [range, setFacts, setTarget],
  );
  return show;
}
