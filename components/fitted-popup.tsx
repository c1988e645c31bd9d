'use client';
// A map popup that lies wholly inside the map. It hangs on the side of its point with more room,
// no taller than that room (long content scrolls inside), so a shared link opens with the camera
// it names; only when that cannot fit (a point off screen, a tiny map) does the map pan.
import type { Popup as MaplibrePopup } from 'maplibre-gl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Popup, useMap } from 'react-map-gl/maplibre';
import { fitShift, placePopup } from '@/lib/map/popup-fit';

export interface FittedPopupProps {
  lng: number;
  lat: number;
  onClose(): void;
  children: ReactNode;
  focusAfterOpen?: boolean;
}

export function FittedPopup({ lng, lat, onClose, children, focusAfterOpen = false }: FittedPopupProps) {
  const { current: mapRef } = useMap();
  const popupRef = useRef<MaplibrePopup>(null);
  const map = mapRef?.getMap();
  const place = () => {
    const c = map?.getContainer();
    if (!map || !c) return placePopup(0, 0, 800, 600);
    const p = map.project([lng, lat]);
    return placePopup(p.x, p.y, c.clientWidth, c.clientHeight);
  };
  const [placement, setPlacement] = useState(place);

  useEffect(() => {
    const popup = popupRef.current;
    if (!map || !popup) return;
    const container = map.getContainer();
    let frame = 0;
    const replace = () => {
      const next = place();
      setPlacement((p) => (p.anchor === next.anchor && p.maxHeight === next.maxHeight && p.maxWidth === next.maxWidth ? p : next));
    };
    // On opening and on resizing only: panning after every move would fight the user's own drags.
    const fit = () => {
      cancelAnimationFrame(frame);
      // Before the first render or during a fly the popup's place is not final: wait for the map to settle.
      if (!map.loaded() || map.isMoving()) return void map.once('idle', fit);
      replace();
      // Measured after layout: pan only what still sticks out.
      frame = requestAnimationFrame(() => {
        const el = popup.getElement();
        if (!el) return;
        const { dx, dy } = fitShift(container.getBoundingClientRect(), el.getBoundingClientRect());
        // panBy moves the camera; the popup, tied to its place, moves the other way.
        if (dx || dy) map.panBy([-dx, -dy], { duration: 0 });
      });
    };
    map.on('moveend', replace);
    const ro = new ResizeObserver(fit);
    ro.observe(container);
    const el = popup.getElement();
    if (el) ro.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      map.off('moveend', replace);
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
