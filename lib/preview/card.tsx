// The card's layout, for satori (next/og): the map as a picture, country names and "country-level"
// marker labels over it, the legend
// top-left and the title band along the bottom, drawn over the map as the app's panels are. Every
// string is a text child, which satori lays out and draws as glyph outlines: nothing in it is ever
// read as markup.
import type { ReactElement } from 'react';
import { BASEMAP_COLORS, COUNTRY_LABEL, COUNTRY_LEVEL_LABEL, EVENT_MARKER, MOVEMENT_LINE } from '../map-tokens';
import { COUNTRY_AREA_COLOR } from '../palette';
import type { PlacedLabel } from './basemap';
import type { MarkerLabel } from './layers';
import { estimateWidth, FONT_FAMILY } from './text';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, type Box } from './viewport';

const W = PREVIEW_WIDTH;
const H = PREVIEW_HEIGHT;

// The card's own chrome, which the map has no counterpart for: a dark title band under an amber rule.
const BAND = { background: 'rgba(15, 27, 45, 0.94)', accent: '#e8a33d', title: '#ffffff', subtitle: '#aebdd0', padX: 40 };
const LEGEND = { x: 24, y: 22, size: 15, padX: 14, padY: 7, rowH: 30, gap: 18, text: '#23303f', background: 'rgba(255, 255, 255, 0.9)' };
const WORDMARK = { text: 'Situation Map', size: 22 };

export interface LegendItem {
  text: string;
  color: string;
  /** a movement kind (a line with an arrow) rather than an event category (a dot) */
  line: boolean;
}

export interface BandLayout {
  titleSize: number;
  titleLines: 1 | 2;
  top: number;
}

const swatchWidth = (it: LegendItem) => (it.line ? 17 : 10);
const wordmarkWidth = () => 30 + estimateWidth(WORDMARK.text, WORDMARK.size, { bold: true });

/**
 * Sizes chosen before layout (satori then wraps and ellipsizes with the real metrics): the title at
 * the largest size that fits one line, else on two lines at the smallest; the band's height follows.
 */
export function bandLayout(title: string, subtitle: string): BandLayout {
  const maxW = W - 2 * BAND.padX - wordmarkWidth() - 40;
  const oneLine = [36, 32, 28].find((s) => estimateWidth(title, s, { bold: true }) <= maxW);
  const titleSize = oneLine ?? 28;
  const titleLines = oneLine ? 1 : 2;
  return { titleSize, titleLines, top: H - (34 + titleLines * Math.round(titleSize * 1.22) + (subtitle ? 32 : 0) + 12) };
}

/** Roughly where the legend will be, for keeping country names off it. */
export function legendBox(legend: readonly LegendItem[]): Box | null {
  if (legend.length === 0) return null;
  const maxRow = W - 48 - 2 * LEGEND.padX;
  let rows = 1;
  let x = 0;
  let widest = 0;
  for (const it of legend) {
    const w = swatchWidth(it) + 7 + estimateWidth(it.text, LEGEND.size);
    if (x > 0 && x + w > maxRow) {
      rows++;
      x = 0;
    }
    x += w + LEGEND.gap;
    widest = Math.max(widest, x - LEGEND.gap);
  }
  return { x0: LEGEND.x, y0: LEGEND.y, x1: LEGEND.x + widest + 2 * LEGEND.padX, y1: LEGEND.y + rows * LEGEND.rowH + 2 * LEGEND.padY };
}

function Swatch({ item }: { item: LegendItem }): ReactElement {
  if (!item.line) {
    return <div style={{ width: 10, height: 10, borderRadius: 5, background: item.color, border: `1px solid ${EVENT_MARKER.stroke}` }} />;
  }
  return (
    <svg width={17} height={10} viewBox="0 0 17 10">
      <path d="M0 5L10 5" stroke={item.color} strokeWidth={MOVEMENT_LINE.width} strokeLinecap="round" />
      <path d="M17 5L9 0.5L9 9.5Z" fill={item.color} />
    </svg>
  );
}

function Legend({ items }: { items: readonly LegendItem[] }): ReactElement {
  return (
    <div
      style={{
        position: 'absolute',
        left: LEGEND.x,
        top: LEGEND.y,
        maxWidth: W - 48,
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        columnGap: LEGEND.gap,
        padding: `${LEGEND.padY}px ${LEGEND.padX}px`,
        borderRadius: 8,
        background: LEGEND.background,
        border: '1px solid rgba(0, 0, 0, 0.08)',
        fontSize: LEGEND.size,
        color: LEGEND.text,
      }}
    >
      {items.map((it) => (
        <div key={it.text} style={{ display: 'flex', alignItems: 'center', height: LEGEND.rowH, gap: 7 }}>
          <Swatch item={it} />
          <div>{it.text}</div>
        </div>
      ))}
    </div>
  );
}

function Band({ title, subtitle, layout }: { title: string; subtitle: string; layout: BandLayout }): ReactElement {
  return (
    <div
      style={{
        position: 'absolute',
        left: 0,
        top: layout.top,
        width: W,
        height: H - layout.top,
        display: 'flex',
        alignItems: 'center',
        padding: `0 ${BAND.padX}px`,
        background: BAND.background,
        borderTop: `3px solid ${BAND.accent}`,
      }}
    >
      <div style={{ display: 'flex', flexDirection: 'column', flexGrow: 1, flexShrink: 1, minWidth: 0, marginRight: 40 }}>
        <div
          style={{
            display: 'block',
            lineClamp: layout.titleLines,
            fontSize: layout.titleSize,
            fontWeight: 700,
            lineHeight: 1.22,
            color: BAND.title,
          }}
        >
          {title}
        </div>
        {subtitle ? (
          <div style={{ display: 'block', lineClamp: 1, fontSize: 21, lineHeight: 1.3, marginTop: 4, color: BAND.subtitle }}>{subtitle}</div>
        ) : null}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', flexShrink: 0, gap: 10 }}>
        <svg width={20} height={20} viewBox="0 0 20 20">
          <circle cx={10} cy={10} r={8.8} fill="none" stroke={BAND.accent} strokeWidth={2.4} />
          <circle cx={10} cy={10} r={3.4} fill={BAND.accent} />
        </svg>
        <div style={{ fontSize: WORDMARK.size, fontWeight: 700, color: BAND.title }}>{WORDMARK.text}</div>
      </div>
    </div>
  );
}

function CountryName({ label }: { label: PlacedLabel }): ReactElement {
  const halo = BASEMAP_COLORS.halo;
  const h = COUNTRY_LABEL.haloWidth;
  return (
    <div
      style={{
        position: 'absolute',
        left: label.x - label.maxWidth / 2,
        top: label.y - 2 * label.size,
        width: label.maxWidth,
        height: 4 * label.size,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        textAlign: 'center',
        fontSize: label.size,
        fontWeight: 700,
        lineHeight: COUNTRY_LABEL.lineHeight,
        letterSpacing: `${COUNTRY_LABEL.letterSpacing}em`,
        color: BASEMAP_COLORS.countryLabel,
        // MapLibre's text halo: a stroke of the halo width each side of the outline, under the fill
        WebkitTextStrokeWidth: 2 * h,
        WebkitTextStrokeColor: halo,
      }}
    >
      {label.text}
    </div>
  );
}

/** "country-level" above a country-level marker, as the map's `countryLevelLabelLayer` writes it. */
function CountryLevelNote({ label }: { label: MarkerLabel }): ReactElement {
  const L = COUNTRY_LEVEL_LABEL;
  const width = label.box.x1 - label.box.x0 + 20;
  return (
    <div
      style={{
        position: 'absolute',
        left: label.x - width / 2,
        top: label.bottom - 1.2 * label.size,
        width,
        height: 1.2 * label.size,
        display: 'flex',
        justifyContent: 'center',
        fontSize: label.size,
        fontWeight: 700,
        lineHeight: 1.2,
        letterSpacing: `${L.letterSpacing}em`,
        color: COUNTRY_AREA_COLOR,
        WebkitTextStrokeWidth: 2 * L.haloWidth,
        WebkitTextStrokeColor: L.halo,
      }}
    >
      {L.text}
    </div>
  );
}

export interface CardProps {
  /** the map without text, a complete SVG document of W×H */
  mapSvg: string;
  labels: readonly PlacedLabel[];
  markerLabels: readonly MarkerLabel[];
  legend: readonly LegendItem[];
  title: string;
  subtitle: string;
  band: BandLayout;
}

export function Card({ mapSvg, labels, markerLabels, legend, title, subtitle, band }: CardProps): ReactElement {
  return (
    <div style={{ width: W, height: H, display: 'flex', position: 'relative', fontFamily: FONT_FAMILY, background: BASEMAP_COLORS.sea }}>
      <img src={`data:image/svg+xml;base64,${Buffer.from(mapSvg).toString('base64')}`} width={W} height={H} alt="" style={{ position: 'absolute', left: 0, top: 0 }} />
      {labels.map((l) => (
        <CountryName key={`${l.text}@${l.x},${l.y}`} label={l} />
      ))}
      {markerLabels.map((l) => (
        <CountryLevelNote key={`${l.x},${l.bottom}`} label={l} />
      ))}
      {legend.length > 0 ? <Legend items={legend} /> : null}
      <Band title={title} subtitle={subtitle} layout={band} />
    </div>
  );
}
