'use client';
// A map popup that lies wholly inside the map. It hangs on the side of its point with more room,
// no taller than that room (long content scrolls inside), so a shared link opens with the camera
// it names; only when that cannot fit (a point off screen, a tiny map) does the map pan.
import type { Popup as MaplibrePopup } from 'maplibre-gl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Popup, useMap } from 'react-map-gl/maplibre';
import { fitShift, hangsFrom, placePopup } from '@/lib/map/popup-fit';

export interface FittedPopupProps {
  lng: number;
  lat: number;
  onClose(): void;
  children: ReactNode;
  focusAfterOpen?: boolean;
}

/** How far (px) a placed popup's box may lie from its point: the offset and the tip. */
const REACH = 40;

/**
 * How much of the map's bottom edge controls floating over it hide (the phone's List button, marked
 * `data-map-overlay`): a popup there would lie inside the map yet under the button.
 */
function bottomInset(container: HTMLElement): number {
  const box = container.getBoundingClientRect();
  let inset = 0;
  for (const el of document.querySelectorAll<HTMLElement>('[data-map-overlay]')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.bottom < box.top || r.top > box.bottom || r.right < box.left || r.left > box.right) continue;
    inset = Math.max(inset, box.bottom - r.top + 4);
  }
  return Math.min(inset, box.height / 3);
}

const samePlacement = (a: ReturnType<typeof placePopup>, b: ReturnType<typeof placePopup>) => a.anchor === b.anchor && a.maxHeight === b.maxHeight && a.maxWidth === b.maxWidth;

export function FittedPopup({ lng, lat, onClose, children, focusAfterOpen = false }: FittedPopupProps) {
  const { current: mapRef } = useMap();
  const popupRef = useRef<MaplibrePopup>(null);
  const map = mapRef?.getMap();
  const place = () => {
    const c = map?.getContainer();
    if (!map || !c) return placePopup(0, 0, 800, 600);
    const p = map.project([lng, lat]);
    return placePopup(p.x, p.y, c.clientWidth, c.clientHeight - bottomInset(c));
  };
  const [placement, setPlacement] = useState(place);
  /** set while opening or resizing: the next rendered placement is measured, and the map panned if needed */
  const measurePending = useRef(false);

  // Measured once React has applied the placement (anchor, box size): pan only what still sticks out.
  useEffect(() => {
    const popup = popupRef.current;
    if (!map || !popup || !measurePending.current) return;
    let frame = 0;
    let tries = 0;
    const measure = () => {
      const el = popup.getElement();
      if (!el) return;
      const box = map.getContainer().getBoundingClientRect();
      const rect = el.getBoundingClientRect();
      // MapLibre positions the element on a later frame: measure only once it hangs from its point.
      const at = map.project([lng, lat]);
      if (!hangsFrom(rect, placement.anchor, box.left + at.x, box.top + at.y, REACH) && tries++ < 30) return void (frame = requestAnimationFrame(measure));
      measurePending.current = false;
      const { dx, dy } = fitShift({ ...box.toJSON(), bottom: box.bottom - bottomInset(map.getContainer()) }, rect);
      // panBy moves the camera; the popup, tied to its place, moves the other way.
      if (dx || dy) map.panBy([-dx, -dy], { duration: 0 });
    };
    frame = requestAnimationFrame(measure);
    return () => cancelAnimationFrame(frame);
  });

  useEffect(() => {
    const popup = popupRef.current;
    if (!map || !popup) return;
    const container = map.getContainer();
    // After every move the popup may change side, but only opening and resizing pan the map:
    // panning after the user's own drags would fight them.
    const replace = () => setPlacement((p) => samePlacement(p, place()) ? { ...p } : place());
    const fit = () => {
      // Before the first render or during a fly the popup's place is not final: wait for the map to settle.
      if (!map.loaded() || map.isMoving()) return void map.once('idle', fit);
      measurePending.current = true;
      replace();
    };
    const onMoveEnd = () => setPlacement((p) => (samePlacement(p, place()) ? p : place()));
    map.on('moveend', onMoveEnd);
    const ro = new ResizeObserver(fit);
    ro.observe(container);
    const el = popup.getElement();
    if (el) ro.observe(el);
    return () => {
      map.off('moveend', onMoveEnd);
      map.off('idle', fit);
      ro.disconnect();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, lng, lat]);

  return (
    <Popup
      ref={popupRef}
      longitude={lng}
      latitude={lat}
      anchor={placement.anchor}
      offset={14}
      maxWidth={`${placement.maxWidth}px`}
      closeOnClick={false}
      onClose={onClose}
      focusAfterOpen={focusAfterOpen}
    >
      {/* React sets custom properties (MapLibre's style prop does not): the content reads it */}
      <div style={{ ['--popup-max' as string]: `${placement.maxHeight}px` }}>{children}</div>
    </Popup>
  );
}
