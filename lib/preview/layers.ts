// The data layers of the card as SVG, drawn as lib/map-layers.ts draws them on the map (same
// palette, radii, strokes, dashes, chevrons, from lib/map-tokens.ts): uncertainty areas of region
// places, movement lines with direction chevrons and end dots, the selected event's halo, event
// markers. The countries of country-level places are drawn from the basemap (./basemap.ts
// `countryAreasSvg`), and their "country-level" labels placed here, to be written by the card.
// Nothing here writes text, and the only values written are numbers and palette colours, so no
// article data can reach the SVG markup.
import { AREA, COUNTRY_LEVEL_LABEL, EVENT_HALO, EVENT_MARKER, FALLBACK_COLOR, MOVEMENT_ARROW, MOVEMENT_END, MOVEMENT_LINE } from '../map-tokens';
import { CATEGORY_COLORS, MOVEMENT_COLORS } from '../palette';
import type { Category, EventFeature, MovementFeature, MovementKind } from '../types';
import { fmt, polylinePath } from './clip';
import { interpolate } from './stops';
import { kmToPx, mercX, mercY, onImage, overlaps, PREVIEW_HEIGHT, PREVIEW_WIDTH, project, toScreen, type Box, type Viewport } from './viewport';

export function markerRadius(corroboration: number): number {
  return interpolate(EVENT_MARKER.radiusByCorroboration, Number.isFinite(corroboration) ? corroboration : 1);
}

/** A drawn marker, for keeping labels off it. */
export interface Marker {
  x: number;
  y: number;
  /** outer radius: stroke and halo included */
  r: number;
}

function byId(a: { properties: { id: string } }, b: { properties: { id: string } }): number {
  return a.properties.id < b.properties.id ? -1 : a.properties.id > b.properties.id ? 1 : 0;
}

/** SVG circle whose stroke lies outside `r`, as MapLibre's circle stroke does. */
function circle(x: number, y: number, r: number, strokeWidth: number, attrs: string): string {
  return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r + strokeWidth / 2)}" stroke-width="${strokeWidth}" ${attrs}/>`;
}

/** A drawn marker of a country-level place. */
export interface CountryLevelMarker {
  x: number;
  y: number;
  corroboration: number;
}

export interface EventLayers {
  /** uncertainty areas of region-precision places: under everything else but the countries */
  areas: string;
  /** halo and markers: over everything else */
  markers: string;
  drawn: Marker[];
  shown: Set<Category>;
  /** the countries (Natural Earth names) that country-level places stand for, sorted: see `countryAreasSvg` */
  countries: string[];
  /** the drawn markers of country-level places, topmost first, for their "country-level" labels */
  countryLevel: CountryLevelMarker[];
}

/**
 * `shown` lists the categories visible above `bottom` (the title band's top): the legend keys what
 * can be seen.
 */
export function eventsSvg(vp: Viewport, events: readonly EventFeature[], selectedId?: string, bottom = PREVIEW_HEIGHT): EventLayers {
  // Stable whatever the input order: big markers under small ones, the selected one on top.
  const sorted = [...events].sort((a, b) => {
    const sa = a.properties.id === selectedId ? 1 : 0;
    const sb = b.properties.id === selectedId ? 1 : 0;
    return sa - sb || markerRadius(b.properties.corroboration) - markerRadius(a.properties.corroboration) || byId(a, b);
  });
  let areas = '';
  let halo = '';
  let markers = '';
  const drawn: Marker[] = [];
  const shown = new Set<Category>();
  const countries = new Set<string>();
  const countryLevel: CountryLevelMarker[] = [];
  for (const e of sorted) {
    const [lng, lat] = e.geometry.coordinates;
    if (lng === undefined || lat === undefined || !Number.isFinite(lng) || !Number.isFinite(lat)) continue;
    const [x, y] = project(vp, lng, lat);
    const p = e.properties;
    const color = CATEGORY_COLORS[p.category] ?? FALLBACK_COLOR;
    const r = markerRadius(p.corroboration);
    const precision = p.place?.precision;
    const rKm = p.place?.radiusKm;
    // A country-level place is the whole country: the country itself is drawn, not a circle (as
    // lib/map-layers.ts `countryLevelCountries`; the catalog names such a place as its country).
    if (precision === 'country' && p.place?.name) countries.add(p.place.name);
    if (precision === 'region' && rKm !== undefined && rKm > 0) {
      const rr = kmToPx(vp, lat, rKm);
      if (rr > r && onImage(x, y, rr)) {
        if (y - rr < bottom) shown.add(p.category);
        const [dash, gap] = AREA.lineDash;
        areas +=
          `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(rr)}" fill="${color}" fill-opacity="${AREA.fillOpacity}" stroke="${color}"` +
          ` stroke-opacity="${AREA.lineOpacity}" stroke-width="${AREA.lineWidth}" stroke-dasharray="${dash * AREA.lineWidth} ${gap * AREA.lineWidth}"/>`;
      }
    }
    const selected = p.id === selectedId;
    const inferred = p.place?.inferred === true;
    const strokeWidth = inferred ? EVENT_MARKER.inferredStrokeWidth : EVENT_MARKER.strokeWidth;
    const outer = selected ? r + EVENT_HALO.extraRadius + EVENT_HALO.strokeWidth : r + strokeWidth;
    if (!onImage(x, y, outer)) continue;
    drawn.push({ x, y, r: outer });
    if (y - r < bottom) shown.add(p.category);
    if (selected) {
      halo += circle(x, y, r + EVENT_HALO.extraRadius, EVENT_HALO.strokeWidth, `fill="${color}" fill-opacity="${EVENT_HALO.opacity}" stroke="${EVENT_HALO.stroke}"`);
    }
    markers += circle(x, y, r, strokeWidth, `fill="${color}" stroke="${inferred ? EVENT_MARKER.inferredStroke : EVENT_MARKER.stroke}"`);
    if (precision === 'country') countryLevel.unshift({ x, y, corroboration: p.corroboration });
  }
  return { areas, markers: halo + markers, drawn, shown, countries: [...countries].sort(), countryLevel };
}

/** A "country-level" label: the text is COUNTRY_LEVEL_LABEL.text, written by the card. */
export interface MarkerLabel {
  /** centre of the text, image pixels */
  x: number;
  /** bottom of the text, image pixels */
  bottom: number;
  size: number;
  /** what it takes, halo included: for keeping the country names off it */
  box: Box;
}

/**
 * "country-level" above each country-level marker, as the map's `countryLevelLabelLayer` places it
 * (anchored at the bottom, lifted clear of the marker by corroboration), where it fits inside the
 * image and hits no other such label nor any obstacle (legend, title band). Like the map's, these
 * are placed before the country names, which then keep off them.
 */
export function countryLevelLabels(marks: readonly CountryLevelMarker[], obstacles: readonly Box[], measure: (text: string, size: number) => number): MarkerLabel[] {
  const L = COUNTRY_LEVEL_LABEL;
  const half = measure(L.text, L.size) / 2 + L.haloWidth;
  const out: MarkerLabel[] = [];
  for (const m of marks) {
    const bottom = m.y - interpolate(L.liftByCorroboration, Number.isFinite(m.corroboration) ? m.corroboration : 1) * L.size;
    const box: Box = { x0: m.x - half, y0: bottom - 1.2 * L.size - L.haloWidth, x1: m.x + half, y1: bottom + L.haloWidth };
    if (box.x0 < 0 || box.x1 > PREVIEW_WIDTH || box.y0 < 0 || box.y1 > PREVIEW_HEIGHT) continue;
    if (out.some((l) => overlaps(l.box, box)) || obstacles.some((b) => overlaps(b, box))) continue;
    out.push({ x: m.x, bottom, size: L.size, box });
  }
  return out;
}

/** Screen points of a movement: longitudes unwrapped (no 360° jumps), on the world copy nearest the centre. */
export function movementPoints(vp: Viewport, m: MovementFeature): number[] {
  const lngs: number[] = [];
  const lats: number[] = [];
  let prev: number | undefined;
  for (const c of m.geometry?.coordinates ?? []) {
    let lng = c[0];
    const lat = c[1];
    if (lng === undefined || lat === undefined || !Number.isFinite(lng) || !Number.isFinite(lat)) continue;
    if (prev !== undefined) lng += 360 * Math.round((prev - lng) / 360);
    lngs.push(lng);
    lats.push(lat);
    prev = lng;
  }
  if (lngs.length < 2) return [];
  const shift = Math.round(vp.cx - mercX((Math.min(...lngs) + Math.max(...lngs)) / 2));
  const out: number[] = [];
  for (let i = 0; i < lngs.length; i++) out.push(...toScreen(vp, mercX(lngs[i]!) + shift, mercY(lats[i]!)));
  return out;
}

/**
 * Chevrons along a screen polyline, `spacing` px apart and half a spacing in from the start, or one
 * at the middle of a line shorter than that (MapLibre's line placement, without its tile seams).
 */
export function chevrons(xy: readonly number[]): string {
  const A = MOVEMENT_ARROW;
  const px = A.iconPx * A.iconScale;
  const tip = (A.shape.tail + A.shape.length - 0.5) * px;
  const base = (A.shape.tail - 0.5) * px;
  const half = A.shape.halfWidth * px;
  const seg: number[] = [];
  let total = 0;
  for (let i = 0; i + 3 < xy.length; i += 2) {
    const len = Math.hypot(xy[i + 2]! - xy[i]!, xy[i + 3]! - xy[i + 1]!);
    seg.push(len);
    total += len;
  }
  if (total < px) return '';
  const at: number[] = [];
  for (let d = A.spacing / 2; d + px / 2 <= total; d += A.spacing) at.push(d);
  if (at.length === 0) at.push(total / 2);
  let d = '';
  let i = 0;
  let start = 0;
  for (const pos of at) {
    while (i < seg.length - 1 && start + seg[i]! < pos) start += seg[i++]!;
    const len = seg[i]!;
    if (len === 0) continue;
    const t = (pos - start) / len;
    const ax = xy[2 * i]!;
    const ay = xy[2 * i + 1]!;
    const ux = (xy[2 * i + 2]! - ax) / len;
    const uy = (xy[2 * i + 3]! - ay) / len;
    const cx = ax + (xy[2 * i + 2]! - ax) * t;
    const cy = ay + (xy[2 * i + 3]! - ay) * t;
    if (!onImage(cx, cy, px)) continue;
    const bx = cx + ux * base;
    const by = cy + uy * base;
    d +=
      `M${fmt(cx + ux * tip)} ${fmt(cy + uy * tip)}` +
      `L${fmt(bx - uy * half)} ${fmt(by + ux * half)}` +
      `L${fmt(bx + uy * half)} ${fmt(by - ux * half)}Z`;
  }
  return d;
}

export interface MovementLayers {
  /** lines and chevrons */
  lines: string;
  /** origin and destination dots, drawn over the lines */
  ends: string;
  drawn: Marker[];
  shown: Set<MovementKind>;
}

/** `shown` lists the kinds with a line on the image above `bottom`. */
export function movementsSvg(vp: Viewport, movements: readonly MovementFeature[], bottom = PREVIEW_HEIGHT): MovementLayers {
  const shown = new Set<MovementKind>();
  let solid = '';
  let dashed = '';
  let arrows = '';
  let ends = '';
  const drawn: Marker[] = [];
  const [dash, gap] = MOVEMENT_LINE.dash;
  const w = MOVEMENT_LINE.width;
  for (const m of [...movements].sort(byId)) {
    const xy = movementPoints(vp, m);
    const d = polylinePath(xy);
    if (!d) continue;
    const p = m.properties;
    const color = MOVEMENT_COLORS[p.kind] ?? FALLBACK_COLOR;
    if (polylinePath(xy, bottom)) shown.add(p.kind);
    // Stated routes are solid; an inferred origin, or an alleged or considered flow, is dashed.
    if (p.origin?.inferred || p.status !== 'reported') {
      dashed += `<path d="${d}" stroke="${color}" stroke-dasharray="${dash * w} ${gap * w}"/>`;
    } else {
      solid += `<path d="${d}" stroke="${color}"/>`;
    }
    const heads = chevrons(xy);
    if (heads) arrows += `<path d="${heads}" fill="${color}"/>`;
    const n = xy.length / 2;
    for (const [i, end, r] of [
      [0, p.origin, MOVEMENT_END.originRadius],
      [n - 1, p.destination, MOVEMENT_END.destinationRadius],
    ] as const) {
      const x = xy[2 * i]!;
      const y = xy[2 * i + 1]!;
      if (!onImage(x, y, r + MOVEMENT_END.strokeWidth)) continue;
      drawn.push({ x, y, r: r + MOVEMENT_END.strokeWidth });
      ends += circle(x, y, r, MOVEMENT_END.strokeWidth, `fill="${end?.inferred ? MOVEMENT_END.hollowFill : color}" stroke="${color}"`);
    }
  }
  // as the map: solid lines round-capped and joined, dashed ones with the default butt caps
  const line = (paths: string, opacity: number, round: boolean) =>
    paths
      ? `<g fill="none" stroke-width="${w}" stroke-opacity="${opacity}"${round ? ' stroke-linecap="round" stroke-linejoin="round"' : ''}>${paths}</g>`
      : '';
  return {
    lines:
      line(solid, MOVEMENT_LINE.opacity, true) +
      line(dashed, MOVEMENT_LINE.dashedOpacity, false) +
      (arrows ? `<g fill-opacity="${MOVEMENT_ARROW.opacity}">${arrows}</g>` : ''),
    ends,
    drawn,
    shown,
  };
}
