// Where popups go: pure geometry, so "every popup fits" is tested without a browser.

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Gap kept between a popup and the map's edge (and the controls in its corners). */
export const POPUP_MARGIN = 10;

/**
 * How far the popup's content must move (in pixels) to lie wholly inside the container, keeping
 * `margin` free. A popup larger than the container keeps its top-left corner in view, so its title
 * and close button stay reachable and the rest scrolls.
 */
export function fitShift(container: Rect, popup: Rect, margin = POPUP_MARGIN): { dx: number; dy: number } {
  const axis = (lo: number, hi: number, pLo: number, pHi: number) => {
    if (pHi - pLo > hi - lo - 2 * margin || pLo < lo + margin) return lo + margin - pLo;
    if (pHi > hi - margin) return hi - margin - pHi;
    return 0;
  };
  return {
    dx: Math.round(axis(container.left, container.right, popup.left, popup.right)),
    dy: Math.round(axis(container.top, container.bottom, popup.top, popup.bottom)),
  };
}

export type PopupAnchor = 'top' | 'bottom' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** The popup's padding, close button, tip and distance from the marker, in pixels (measured: 72). */
const TIP = 80;
const MIN_HEIGHT = 140;

/**
 * Where a popup hangs from a point at (x, y) of a width × height map so it fits without moving the
 * camera (a shared link must show the very view it names): on the side with more room, shifted
 * sideways near an edge, and no taller than that side. `fits` is false when even that side is too
 * small; the caller then pans.
 */
export function placePopup(x: number, y: number, width: number, height: number, margin = POPUP_MARGIN): { anchor: PopupAnchor; maxWidth: number; maxHeight: number; fits: boolean } {
  const maxWidth = Math.max(200, Math.min(380, width - 2 * margin));
  const above = y - margin - TIP;
  const below = height - y - margin - TIP;
  const vertical = above >= below ? 'bottom' : 'top';
  const room = Math.max(above, below);
  const half = maxWidth / 2;
  const horizontal = x - half < margin ? '-left' : x + half > width - margin ? '-right' : '';
  return {
    anchor: `${vertical}${horizontal}` as PopupAnchor,
    maxWidth,
    maxHeight: Math.max(MIN_HEIGHT, Math.min(460, Math.floor(room))),
    fits: room >= MIN_HEIGHT && x >= 0 && x <= width && y >= 0 && y <= height,
  };
}

/**
 * The point of an arc a movement's popup hangs from: the destination when it is on screen, else the
 * on-screen point of the arc nearest the destination, else null (the caller moves the map first).
 */
export function arcAnchor(coords: readonly (readonly number[])[], project: (lng: number, lat: number) => { x: number; y: number }, width: number, height: number, margin = 40): [number, number] | null {
  for (let i = coords.length - 1; i >= 0; i--) {
    const [lng, lat] = coords[i] as [number, number];
    const p = project(lng, lat);
    if (p.x >= margin && p.x <= width - margin && p.y >= margin && p.y <= height - margin) return [lng, lat];
  }
  return null;
}
