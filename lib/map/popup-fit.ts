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

export type PopupAnchor = 'top' | 'bottom' | 'left' | 'right' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** MapLibre's popup chrome (15 px padding above and below) and its tip, plus our 14 px offset. */
const CHROME = 30;
const TIP = 24;
const MIN_HEIGHT = 120;

/**
 * Where a popup hangs from a point at (x, y) of a width × height map so it fits without moving the
 * camera (a shared link must show the very view it names): above, below, or beside the point,
 * whichever leaves the tallest box; shifted sideways near an edge; never taller than that room.
 * `fits` is false when no side has room for a useful popup; the caller then pans.
 */
export function placePopup(x: number, y: number, width: number, height: number, margin = POPUP_MARGIN): { anchor: PopupAnchor; maxWidth: number; maxHeight: number; fits: boolean } {
  const maxWidth = Math.max(200, Math.min(380, width - 2 * margin));
  // Centred over the point unless hanging to one side sticks out less (by more than a pixel).
  const overflow = (left: number) => Math.max(0, margin - left) + Math.max(0, left + maxWidth - (width - margin));
  const sides: ['' | '-left' | '-right', number][] = [['', overflow(x - maxWidth / 2)], ['-left', overflow(x)], ['-right', overflow(x - maxWidth)]];
  const shift = sides.reduce((best, s) => (s[1] < best[1] - 1 ? s : best))[0];
  // Beside the point the box is centred on it vertically: twice the nearer vertical room.
  const beside = 2 * Math.min(y - margin, height - y - margin) - CHROME;
  const candidates: [PopupAnchor, number][] = [
    [`bottom${shift}` as PopupAnchor, y - margin - TIP - CHROME],
    [`top${shift}` as PopupAnchor, height - y - margin - TIP - CHROME],
    ['left', width - x - margin - TIP >= maxWidth ? beside : -Infinity],
    ['right', x - margin - TIP >= maxWidth ? beside : -Infinity],
  ];
  // Above or below unless beside is clearly roomier: a popup over its point reads more naturally.
  const [anchor, room] = candidates.reduce((best, c) => (c[1] > best[1] * (c[0] === 'left' || c[0] === 'right' ? 1.25 : 1) ? c : best));
  const onMap = x >= 0 && x <= width && y >= 0 && y <= height;
  return { anchor, maxWidth, maxHeight: Math.max(MIN_HEIGHT, Math.min(460, Math.floor(room))), fits: onMap && room >= MIN_HEIGHT };
}

/**
 * Whether a popup box already hangs from its point as its anchor says (MapLibre positions the element
 * a frame after it changes): only then is measuring it worth a pan. `reach` is the offset plus tip.
 */
export function hangsFrom(rect: Rect, anchor: PopupAnchor, px: number, py: number, reach = 40): boolean {
  const within = (v: number, lo: number, hi: number) => v >= lo - 2 && v <= hi + 2;
  const cx = (rect.left + rect.right) / 2;
  const cy = (rect.top + rect.bottom) / 2;
  const h = anchor.endsWith('left') ? within(rect.left, px, px + reach) : anchor.endsWith('right') ? within(rect.right, px - reach, px) : within(cx, px, px);
  const v = anchor.startsWith('bottom') ? within(rect.bottom, py - reach, py) : anchor.startsWith('top') ? within(rect.top, py, py + reach) : within(cy, py, py);
  return h && v;
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
