import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/turf';
import { expression, featureFilter, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { BASEMAP_SOURCE_IDS, basemapStyle } from './basemap-style';
import { COUNTRY_AREA, COUNTRY_LEVEL_LABEL } from './map-tokens';
import type { EventSummaryFeature } from './events';
import { areaCollection, countryAreaFillLayer, countryAreaLineLayer, countryLevelCountries, countryLevelLabelLayer, eventCollection, eventLayer, IS_UNREVIEWED, mapEventProps } from './map-layers';
import { RawPlaceSchema, type PlacePrecision } from './types';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function summary(id: string, placeName: string, placePrecision: PlacePrecision, lng: number, lat: number, radiusKm = 0): EventSummaryFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [lng, lat] },
    properties: {
      id,
      title: id,
      category: 'visit',
      start: '2023-09-01',
      end: '2023-09-30',
      precision: 'month',
      dateInferred: false,
      corroboration: 1,
      placeName,
      placePrecision,
      placeInferred: false,
      radiusKm,
      actors: [],
    },
  };
}

const iranVisit = summary('shoigu-visits-iran-2023-09', 'Iran', 'country', 53.7, 32.5, 650);
const patrushev = summary('patrushev-visits-iran-2022', 'Iran', 'country', 53.7, 32.5, 650);
const mutiny = summary('prigozhin-mutiny-2023-06', 'Russia', 'country', 45, 55, 900);
const golan = summary('golan-heights-rocket-attack-2024-07', 'Golan Heights', 'region', 35.78, 33, 30);
const tehran = summary('shoigu-arrives-tehran-2024-08-05', 'Tehran', 'city', 51.389, 35.6892);

describe('country-level places are drawn as the country, not as a circle', () => {
  it('draws no radius circle for a country-level place; a region keeps its radius area', () => {
    const areas = areaCollection([iranVisit, golan, tehran, mutiny]);
    expect(areas.features.map((f) => f.properties)).toEqual([{ id: golan.properties.id, category: 'visit', placePrecision: 'region' }]);
  });

  it('outlines each country that a country-level event in view stands for, once', () => {
    expect(countryLevelCountries([tehran, iranVisit, golan, mutiny, patrushev])).toEqual(['Iran', 'Russia']);
    expect(countryLevelCountries([tehran, golan])).toEqual([]);
  });

  it('the outline layers read the basemap countries and select exactly those countries by name', () => {
    for (const layer of [countryAreaLineLayer(['Iran', 'Russia']), countryAreaFillLayer(['Iran', 'Russia'])]) {
      expect(layer.source).toBe(BASEMAP_SOURCE_IDS.countries);
      const f = featureFilter(layer.filter, 'layers[0].filter');
      const select = (name: string) => f.filter({ zoom: 4 }, { type: 3, properties: { name } } as never);
      expect(select('Iran')).toBe(true);
      expect(select('Russia')).toBe(true);
      expect(select('Iraq')).toBe(false);
    }
    const none = featureFilter(countryAreaLineLayer([]).filter, 'layers[0].filter');
    expect(none.filter({ zoom: 4 }, { type: 3, properties: { name: 'Iran' } } as never)).toBe(false);
  });

  it('the layers are valid style layers over the basemap', () => {
    const base = basemapStyle('http://localhost:3000');
    const events = { type: 'geojson' as const, data: eventCollection([iranVisit]) };
    const style: StyleSpecification = {
      ...base,
      sources: { ...base.sources, events },
      layers: [...base.layers, countryAreaFillLayer(['Iran']), countryAreaLineLayer(['Iran']), countryLevelLabelLayer],
    };
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('are painted from the tokens the link preview also reads (lib/map-tokens.ts)', () => {
    expect(countryAreaFillLayer(['Iran']).paint).toMatchObject({ 'fill-opacity': COUNTRY_AREA.fillOpacity });
    expect(countryAreaLineLayer(['Iran']).paint).toMatchObject({
      'line-width': COUNTRY_AREA.lineWidth,
      'line-dasharray': [...COUNTRY_AREA.lineDash],
      'line-opacity': COUNTRY_AREA.lineOpacity,
    });
    expect(countryLevelLabelLayer.layout).toMatchObject({ 'text-size': COUNTRY_LEVEL_LABEL.size, 'text-letter-spacing': COUNTRY_LEVEL_LABEL.letterSpacing });
    expect(countryLevelLabelLayer.paint).toMatchObject({ 'text-halo-color': COUNTRY_LEVEL_LABEL.halo, 'text-halo-width': COUNTRY_LEVEL_LABEL.haloWidth });
    // the values as they were written in the layers
    expect(COUNTRY_AREA).toEqual({ fillOpacity: 0.07, lineWidth: 1.8, lineDash: [3, 2], lineOpacity: 0.75 });
    expect(countryLevelLabelLayer.layout?.['text-offset']).toEqual(['interpolate', ['linear'], ['get', 'corroboration'], 1, ['literal', [0, -1.2]], 5, ['literal', [0, -1.9]]]);
  });

  it('marks the point of a country-level event "country-level", and only there', () => {
    const data = eventCollection([iranVisit, tehran]);
    expect(data.features.map((f) => f.properties.placePrecision)).toEqual(['country', 'city']);
    expect(countryLevelLabelLayer.layout?.['text-field']).toBe('country-level');
    const f = featureFilter(countryLevelLabelLayer.filter, 'layers[0].filter');
    const shown = (props: Record<string, unknown>) => f.filter({ zoom: 4 }, { type: 1, properties: props } as never);
    expect(shown(data.features[0]!.properties)).toBe(true);
    expect(shown(data.features[1]!.properties)).toBe(false);
    expect(shown({ cluster: true, pointCount: 2, placePrecision: 'country' })).toBe(false);
  });
});

describe('the country-level places in data/places.json', () => {
  const places = RawPlaceSchema.array().parse(JSON.parse(readFileSync(path.join(ROOT, 'data', 'places.json'), 'utf8')));
  const countryLevel = places.filter((p) => p.precision === 'country');
  // The basemap's countries come from this file (scripts/build-basemap.mjs), names unchanged.
  const require = createRequire(path.join(ROOT, 'package.json'));
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = feature(topo, topo.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;

  it('there are some (Iran, Russia)', () => {
    expect(countryLevel.map((p) => p.name)).toEqual(expect.arrayContaining(['Iran', 'Russia']));
  });

  it('each names a Natural Earth country, and its marker lies inside that country', () => {
    for (const p of countryLevel) {
      const c = countries.features.find((f) => f.properties.name === p.name);
      expect(c, `${p.id}: no Natural Earth country named "${p.name}"`).toBeDefined();
      expect(booleanPointInPolygon([p.lng, p.lat], c!), `${p.id}: marker outside ${p.name}`).toBe(true);
    }
  });
});

describe('unreviewed machine-extracted events', () => {
  const base = { id: 'x', title: 'T', category: 'strike', start: '2025-01-01', end: '2025-01-01', precision: 'day', dateInferred: false, corroboration: 1, placeName: 'P', placePrecision: 'city', placeInferred: false, radiusKm: 0, actors: [] } as const;
  it('keep their review state through the trim to map properties; curated events carry none', () => {
    expect(mapEventProps({ ...base, actors: [], review: 'unreviewed' }).review).toBe('unreviewed');
    expect('review' in mapEventProps({ ...base, actors: [] })).toBe(false);
  });
  it('are drawn hollow, ringed in their category colour', () => {
    const f = featureFilter(IS_UNREVIEWED, 'filter');
    const props = (review?: string) => ({ type: 1, properties: { ...base, ...(review ? { review } : {}) } }) as never;
    expect(f.filter({ zoom: 4 }, props('unreviewed'))).toBe(true);
    expect(f.filter({ zoom: 4 }, props('accepted'))).toBe(false);
    expect(f.filter({ zoom: 4 }, props())).toBe(false);
    const spec = { type: 'color' } as never;
    const fill = expression.createExpression(eventLayer.paint!['circle-color'], spec);
    const stroke = expression.createExpression(eventLayer.paint!['circle-stroke-color'], spec);
    if (fill.result !== 'success' || stroke.result !== 'success') throw new Error('invalid paint expression');
    const str = (v: unknown) => String(v);
    // hollow: the unreviewed marker's ring has the colour a reviewed marker is filled with
    expect(str(stroke.value.evaluate({ zoom: 4 }, props('unreviewed')))).toBe(str(fill.value.evaluate({ zoom: 4 }, props('accepted'))));
    expect(str(fill.value.evaluate({ zoom: 4 }, props('unreviewed')))).not.toBe(str(fill.value.evaluate({ zoom: 4 }, props('accepted'))));
  });
});
