// The link-preview card of a map state (Open Graph / Twitter, 1200x630 PNG), as the map shows it.
//
// The map itself (basemap, the countries of country-level places, areas, movements, markers) is an
// SVG without text, drawn here from the same data and design tokens as the MapLibre layers.
// Everything with text (country names, "country-level" marker labels, legend, title band) is laid
// out over that picture by satori, through the `ImageResponse` of `next/og`, which ships inside
// `next` (satori, then resvg, or sharp where it is installed, rasterises): a maintained layout
// engine with real font metrics, wrapping and ellipsis instead of our own font parsing, and no new
// dependency. It reads the map's Noto Sans files from node_modules and is kept
// from the network (./text.ts), so the same input gives the same bytes.
import { createElement } from 'react';
import { ImageResponse } from 'next/og';
import { CATEGORY_COLORS, CATEGORY_LABELS, MOVEMENT_COLORS, MOVEMENT_LABELS } from '../palette';
import { CATEGORIES, MOVEMENT_KINDS, type Category, type EventFeature, type MovementFeature, type MovementKind } from '../types';
import { COUNTRY_LABEL, COUNTRY_LEVEL_LABEL } from '../map-tokens';
import { basemapSvg, countryAreasSvg, countryLabels, getBasemap, type PlacedLabel } from './basemap';
import { bandLayout, Card, legendBox, type BandLayout, type LegendItem } from './card';
import { countryLevelLabels, eventsSvg, movementsSvg, type MarkerLabel } from './layers';
import { estimateWidth, getFonts, printable } from './text';
import { makeViewport, PREVIEW_HEIGHT, PREVIEW_WIDTH, type Box } from './viewport';

export interface PreviewInput {
  center: [number, number]; // lng, lat
  /** web-mercator zoom as MapLibre uses it (512-px tiles), for a 1200x630 viewport */
  zoom: number;
  /** degrees clockwise from north that point up, as in MapLibre; pitch is not drawn */
  bearing?: number;
  events: readonly EventFeature[]; // already filtered to the state
  movements: readonly MovementFeature[];
  /** highlight this event as the map does (a halo) when present */
  selectedId?: string;
  /** e.g. the selected event's title, or "30 Jul – 7 Aug 2024 · 24 events · 9 movements" (untrusted) */
  title: string;
  subtitle?: string;
}

/** Everything the card shows, before it is rasterised. */
export interface PreviewScene {
  /** the map without any text */
  mapSvg: string;
  labels: PlacedLabel[];
  /** "country-level" above the markers of country-level places */
  markerLabels: MarkerLabel[];
  legend: LegendItem[];
  /** as drawn: reduced to characters the fonts have */
  title: string;
  subtitle: string;
  band: BandLayout;
}

/** The categories and kinds drawn on the card, in the palette's order. */
function legendItems(cats: ReadonlySet<Category>, kinds: ReadonlySet<MovementKind>): LegendItem[] {
  return [
    ...CATEGORIES.filter((c) => cats.has(c)).map((c) => ({ text: CATEGORY_LABELS[c], color: CATEGORY_COLORS[c], line: false })),
    ...MOVEMENT_KINDS.filter((k) => kinds.has(k)).map((k) => ({ text: MOVEMENT_LABELS[k], color: MOVEMENT_COLORS[k], line: true })),
  ];
}

export async function previewScene(input: PreviewInput): Promise<PreviewScene> {
  const vp = makeViewport(input.center, input.zoom, input.bearing);
  const [bm, fonts] = await Promise.all([getBasemap(), getFonts()]);
  const title = printable(input.title, fonts.coverage) || 'Situation Map';
  const subtitle = printable(input.subtitle ?? '', fonts.coverage);
  const band = bandLayout(title, subtitle);
  const events = eventsSvg(vp, input.events, input.selectedId, band.top);
  const movements = movementsSvg(vp, input.movements, band.top);
  const legend = legendItems(events.shown, movements.shown);
  const legendArea = legendBox(legend);

  const panels: Box[] = [{ x0: 0, y0: band.top - 4, x1: PREVIEW_WIDTH, y1: PREVIEW_HEIGHT }, ...(legendArea ? [legendArea] : [])];
  // As on the map, the "country-level" labels are placed before the country names.
  const markerLabels = countryLevelLabels(events.countryLevel, panels, (text, size) =>
    estimateWidth(text, size, { bold: true, letterSpacing: COUNTRY_LEVEL_LABEL.letterSpacing }),
  );
  const obstacles: Box[] = [
    ...panels,
    ...[...events.drawn, ...movements.drawn].map((m) => ({ x0: m.x - m.r - 2, y0: m.y - m.r - 2, x1: m.x + m.r + 2, y1: m.y + m.r + 2 })),
    ...markerLabels.map((l) => l.box),
  ];
  const measure = (text: string, size: number) => estimateWidth(text, size, { bold: true, letterSpacing: COUNTRY_LABEL.letterSpacing });
  const labels = countryLabels(vp, bm, obstacles, measure).map((l) => ({ ...l, text: printable(l.text, fonts.coverage) }));

  const mapSvg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" viewBox="0 0 ${PREVIEW_WIDTH} ${PREVIEW_HEIGHT}">` +
    basemapSvg(vp, bm) +
    countryAreasSvg(vp, bm, events.countries) +
    events.areas +
    movements.lines +
    movements.ends +
    events.markers +
    `</svg>`;
  return { mapSvg, labels, markerLabels, legend, title, subtitle, band };
}

/** The 1200x630 PNG card for a map state. Deterministic: the same input gives the same bytes. */
export async function renderPreviewPng(input: PreviewInput): Promise<Buffer> {
  const [scene, fonts] = await Promise.all([previewScene(input), getFonts()]);
  const image = new ImageResponse(createElement(Card, scene), { width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, fonts: fonts.list });
  return Buffer.from(await image.arrayBuffer());
}
