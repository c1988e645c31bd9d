import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { basemapStyle } from '../basemap-style';
import { eventLayer } from '../map-layers';
import { BORDER_WIDTH, COUNTRY_LABEL, EVENT_MARKER } from '../map-tokens';
import { interpolate, step } from './stops';

describe('stops', () => {
  it('interpolates linearly between stops and clamps outside them', () => {
    const s = [1, 6, 5, 13] as const;
    expect(interpolate(s, 1)).toBe(6);
    expect(interpolate(s, 3)).toBe(9.5);
    expect(interpolate(s, 5)).toBe(13);
    expect(interpolate(s, 0)).toBe(6);
    expect(interpolate(s, 9)).toBe(13);
    expect(interpolate([1, 0.4, 4, 0.8, 7, 1.2], 5.5)).toBeCloseTo(1.0, 10);
  });

  it('steps to the output of the last stop at or below the input', () => {
    const s = [2, 2, 3, 3, 6, 5, 7] as const;
    expect([0, 1.9, 2, 2.5, 3, 4.9, 5, 22].map((x) => step(s, x))).toEqual([2, 2, 3, 3, 6, 6, 7, 7]);
  });

  // The preview evaluates the same tokens the map's expressions are built from; MapLibre's own
  // evaluator must agree with ours, or the card and the map would size things differently.
  it('agrees with MapLibre on the expressions built from the tokens', () => {
    const paint = eventLayer.paint as { 'circle-radius': unknown };
    const radius = createExpression(paint['circle-radius'], 'layers.events.paint.circle-radius');
    if (radius.result !== 'success') throw new Error('bad expression');
    for (const c of [0, 1, 2, 3.5, 5, 8]) {
      const mapValue = radius.value.evaluate({ zoom: 4 }, { type: 'Point', properties: { corroboration: c } } as never);
      expect(interpolate(EVENT_MARKER.radiusByCorroboration, c)).toBeCloseTo(mapValue as number, 10);
    }

    const style = basemapStyle('');
    const layer = (id: string) => style.layers.find((l) => l.id === id) as { paint?: Record<string, unknown>; layout?: Record<string, unknown> };
    const borders = createExpression(layer('basemap-borders').paint!['line-width'], 'layers.basemap-borders.paint.line-width');
    const size = createExpression(layer('basemap-country-labels').layout!['text-size'], 'layers.basemap-country-labels.layout.text-size');
    if (borders.result !== 'success' || size.result !== 'success') throw new Error('bad expression');
    for (const zoom of [0, 1, 2.5, 3.6, 6, 7, 12]) {
      expect(interpolate(BORDER_WIDTH, zoom)).toBeCloseTo(borders.value.evaluate({ zoom }) as number, 10);
      for (const rank of [1, 2, 3, 4, 5, 6, 7]) {
        const ours = interpolate([2, step(COUNTRY_LABEL.sizeByZoom[2], rank), 4, step(COUNTRY_LABEL.sizeByZoom[4], rank), 7, step(COUNTRY_LABEL.sizeByZoom[7], rank)], zoom);
        expect(ours).toBeCloseTo(size.value.evaluate({ zoom }, { type: 'Point', properties: { rank } } as never) as number, 10);
      }
    }
  });
});
