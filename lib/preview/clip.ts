// Screen-space path data for the map SVG: shapes are clipped to the image (plus a margin, so clip
// edges and line caps fall outside it) before they are written, which keeps the SVG small at high
// zoom, where a country's outline is mostly far off-image.
import { PREVIEW_HEIGHT, PREVIEW_WIDTH } from './viewport';

const PAD = 24;
const CLIP = { x0: -PAD, y0: -PAD, x1: PREVIEW_WIDTH + PAD, y1: PREVIEW_HEIGHT + PAD };

/** One decimal is sub-pixel; "-0.0" would be a needless byte. */
export function fmt(n: number): string {
  const s = n.toFixed(1);
  return s === '-0.0' ? '0.0' : s;
}

type Inside = (x: number, y: number) => boolean;
type Cross = (ax: number, ay: number, bx: number, by: number) => [number, number];

const EDGES: ReadonlyArray<readonly [Inside, Cross]> = [
  [(x) => x >= CLIP.x0, (ax, ay, bx, by) => [CLIP.x0, ay + ((by - ay) * (CLIP.x0 - ax)) / (bx - ax)]],
  [(x) => x <= CLIP.x1, (ax, ay, bx, by) => [CLIP.x1, ay + ((by - ay) * (CLIP.x1 - ax)) / (bx - ax)]],
  [(_x, y) => y >= CLIP.y0, (ax, ay, bx, by) => [ax + ((bx - ax) * (CLIP.y0 - ay)) / (by - ay), CLIP.y0]],
  [(_x, y) => y <= CLIP.y1, (ax, ay, bx, by) => [ax + ((bx - ax) * (CLIP.y1 - ay)) / (by - ay), CLIP.y1]],
];

/** Sutherland–Hodgman clip of a closed ring (flat xy) to the padded image; a ring wholly off-image comes back empty. */
export function clipRing(xy: readonly number[]): number[] {
  let pts = [...xy];
  for (const [inside, cross] of EDGES) {
    const n = pts.length / 2;
    if (n === 0) break;
    const out: number[] = [];
    let px = pts[2 * (n - 1)]!;
    let py = pts[2 * (n - 1) + 1]!;
    let pIn = inside(px, py);
    for (let i = 0; i < n; i++) {
      const x = pts[2 * i]!;
      const y = pts[2 * i + 1]!;
      const cIn = inside(x, y);
      if (cIn) {
        if (!pIn) out.push(...cross(px, py, x, y));
        out.push(x, y);
      } else if (pIn) {
        out.push(...cross(px, py, x, y));
      }
      px = x;
      py = y;
      pIn = cIn;
    }
    pts = out;
  }
  return pts;
}

/** Path data of a closed ring, clipped; '' when nothing of it is on the image. */
export function ringPath(xy: readonly number[]): string {
  const ring = clipRing(xy);
  if (ring.length < 6) return '';
  let d = `M${fmt(ring[0]!)} ${fmt(ring[1]!)}`;
  for (let i = 2; i < ring.length; i += 2) d += `L${fmt(ring[i]!)} ${fmt(ring[i + 1]!)}`;
  return `${d}Z`;
}

function segmentVisible(ax: number, ay: number, bx: number, by: number, bottom: number): boolean {
  return !(
    (ax < CLIP.x0 && bx < CLIP.x0) ||
    (ax > CLIP.x1 && bx > CLIP.x1) ||
    (ay < CLIP.y0 && by < CLIP.y0) ||
    (ay > bottom && by > bottom)
  );
}

/** Path data of a polyline (flat xy), without the runs of segments that lie wholly off-image (or below `bottom`). */
export function polylinePath(xy: readonly number[], bottom = CLIP.y1): string {
  let d = '';
  let pen = false;
  for (let i = 0; i + 3 < xy.length; i += 2) {
    const ax = xy[i]!;
    const ay = xy[i + 1]!;
    const bx = xy[i + 2]!;
    const by = xy[i + 3]!;
    if (segmentVisible(ax, ay, bx, by, bottom)) {
      if (!pen) d += `M${fmt(ax)} ${fmt(ay)}`;
      d += `L${fmt(bx)} ${fmt(by)}`;
      pen = true;
    } else {
      pen = false;
    }
  }
  return d;
}
