import { describe, expect, it } from 'vitest';
import { AREA, COUNTRY_LEVEL_LABEL, EVENT_HALO, EVENT_MARKER, MOVEMENT_LINE } from '../map-tokens';
import { CATEGORY_COLORS, MOVEMENT_COLORS } from '../palette';
import { CATEGORIES, MOVEMENT_KINDS } from '../types';
import { fmt } from './clip';
import { chevrons, countryLevelLabels, eventsSvg, markerRadius, movementsSvg } from './layers';
import { circles, ev, EVENTS, mv, MOVEMENTS, TEHRAN } from './test-fixtures';
import { kmToPx, makeViewport, project } from './viewport';

const vp = makeViewport([44, 30], 3.6);

describe('palette', () => {
  it('has one distinct colour per category and movement kind', () => {
    expect(Object.keys(CATEGORY_COLORS).sort()).toEqual([...CATEGORIES].sort());
    expect(Object.keys(MOVEMENT_COLORS).sort()).toEqual([...MOVEMENT_KINDS].sort());
    const cats = Object.values(CATEGORY_COLORS);
    expect(new Set(cats).size).toBe(cats.length);
    for (const c of [...cats, ...Object.values(MOVEMENT_COLORS)]) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('events', () => {
  it('draws each marker at its projected place, sized and coloured as the map draws it', () => {
    const { markers, drawn } = eventsSvg(vp, EVENTS);
    const cs = circles(markers);
    expect(cs).toHaveLength(EVENTS.length);
    for (const e of EVENTS) {
      const [x, y] = project(vp, e.geometry.coordinates[0]!, e.geometry.coordinates[1]!);
      const c = cs.find((k) => Math.abs(Number(k.cx) - x) < 0.06 && Math.abs(Number(k.cy) - y) < 0.06);
      expect(c, e.properties.id).toBeDefined();
      expect(c!.fill).toBe(CATEGORY_COLORS[e.properties.category]);
      expect(c!.stroke).toBe(EVENT_MARKER.stroke);
      // MapLibre strokes outside the radius; SVG strokes centre on it
      expect(c!.r).toBe(fmt(markerRadius(e.properties.corroboration) + EVENT_MARKER.strokeWidth / 2));
    }
    expect(drawn).toHaveLength(EVENTS.length);
  });

  it('sizes markers by corroboration with the map’s stops', () => {
    expect(markerRadius(1)).toBe(6);
    expect(markerRadius(5)).toBe(13);
    expect(markerRadius(3)).toBe(9.5);
    expect(markerRadius(40)).toBe(13);
    expect(markerRadius(NaN)).toBe(6);
  });

  it('rings an inferred place in grey', () => {
    const c = circles(eventsSvg(vp, [ev('guess', 'visit', 44, 30, 1, 'city', undefined, true)]).markers)[0]!;
    expect(c.stroke).toBe(EVENT_MARKER.inferredStroke);
    expect(Number(c['stroke-width'])).toBe(EVENT_MARKER.inferredStrokeWidth);
  });

  it('draws in the same order whatever the input order, the selected event on top with its halo', () => {
    const a = eventsSvg(vp, EVENTS, 'tel-aviv-statement');
    const b = eventsSvg(vp, [...EVENTS].reverse(), 'tel-aviv-statement');
    expect(a.markers).toBe(b.markers);
    const cs = circles(a.markers);
    const halo = cs[0]!;
    expect(halo.stroke).toBe(EVENT_HALO.stroke);
    expect(Number(halo['fill-opacity'])).toBe(EVENT_HALO.opacity);
    expect(halo.r).toBe(fmt(markerRadius(2) + EVENT_HALO.extraRadius + EVENT_HALO.strokeWidth / 2));
    const last = cs[cs.length - 1]!;
    expect([Number(last.cx), Number(last.cy)]).toEqual([Number(halo.cx), Number(halo.cy)]);
    // without a selection, no halo
    expect(circles(eventsSvg(vp, EVENTS).markers).some((c) => c.stroke === EVENT_HALO.stroke)).toBe(false);
  });

  it('draws region places as dashed circles of their radius', () => {
    const zoom = 7.5;
    const golan = EVENTS[4]!;
    const near = makeViewport([35.6, 33.4], zoom);
    const area = circles(eventsSvg(near, [golan]).areas)[0]!;
    expect(Number(area.r)).toBeCloseTo(kmToPx(near, 33, 25), 0);
    expect(Number(area['fill-opacity'])).toBe(AREA.fillOpacity);
    expect(area['stroke-dasharray']).toBe(`${AREA.lineDash[0] * AREA.lineWidth} ${AREA.lineDash[1] * AREA.lineWidth}`);
    // at a scale where the area is smaller than the marker, only the marker is drawn
    expect(eventsSvg(makeViewport([35.6, 33.4], 1), [golan]).areas).toBe('');
  });

  describe('a country-level place', () => {
    // as data/places.json has Iran: a point inside the country, named as it, 650 km "radius"
    const iran = (id: string, corroboration = 1) => {
      const e = ev(id, 'visit', 53.7, 32.5, corroboration, 'country', 650);
      e.properties.place.name = 'Iran';
      return e;
    };
    const golan = EVENTS[4]!;
    const mid = makeViewport([45, 32], 5);

    it('is drawn as its country (from the basemap), not as a circle; a region keeps its circle', () => {
      const r = eventsSvg(mid, [iran('a'), iran('b'), golan]);
      const areas = circles(r.areas);
      expect(areas).toHaveLength(1);
      const [gx, gy] = project(mid, 35.75, 33);
      expect([Number(areas[0]!.cx), Number(areas[0]!.cy)]).toEqual([Number(fmt(gx)), Number(fmt(gy))]);
      expect(Number(areas[0]!.r)).toBeCloseTo(kmToPx(mid, 33, 25), 0);
      // the countries to draw, once each
      expect(r.countries).toEqual(['Iran']);
      expect(eventsSvg(mid, [golan]).countries).toEqual([]);
      // the marker is still drawn
      expect(circles(r.markers)).toHaveLength(3);
    });

    it('keys its category by its marker only: the country is drawn in a neutral colour', () => {
      const far = makeViewport([53.7, 36], 5);
      // marker below the title band: nothing of its category shows
      expect(eventsSvg(far, [iran('a')], undefined, 300).shown.size).toBe(0);
      expect([...eventsSvg(far, [iran('a')]).shown]).toEqual(['visit']);
    });

    it('lists its drawn markers, topmost first, for their "country-level" labels', () => {
      const r = eventsSvg(mid, [iran('small', 1), iran('big', 5), golan]);
      const [x, y] = project(mid, 53.7, 32.5);
      // the smaller marker is drawn over the bigger one
      expect(r.countryLevel).toEqual([
        { x, y, corroboration: 1 },
        { x, y, corroboration: 5 },
      ]);
      expect(eventsSvg(makeViewport([-100, 40], 5), [iran('a')]).countryLevel).toEqual([]);
    });
  });

  it('labels country-level markers "country-level" above them, as the map does, where there is room', () => {
    const measure = (text: string, size: number) => text.length * size * 0.6;
    const L = COUNTRY_LEVEL_LABEL;
    const [one, five] = countryLevelLabels([{ x: 300, y: 300, corroboration: 1 }, { x: 800, y: 300, corroboration: 5 }], [], measure);
    expect(one).toMatchObject({ x: 300, bottom: 300 - 1.2 * L.size, size: L.size });
    // lifted clear of the bigger marker
    expect(five).toMatchObject({ x: 800, bottom: 300 - 1.9 * L.size });
    expect(300 - five!.bottom).toBeGreaterThan(markerRadius(5) + EVENT_MARKER.strokeWidth);
    // one label where markers overlap; none under a panel, nor off the image
    expect(countryLevelLabels([{ x: 300, y: 300, corroboration: 1 }, { x: 303, y: 300, corroboration: 1 }], [], measure)).toHaveLength(1);
    expect(countryLevelLabels([{ x: 300, y: 300, corroboration: 1 }], [{ x0: 0, y0: 250, x1: 1200, y1: 295 }], measure)).toEqual([]);
    expect(countryLevelLabels([{ x: 10, y: 300, corroboration: 1 }, { x: 600, y: 5, corroboration: 1 }], [], measure)).toEqual([]);
  });

  it('leaves out what is off the image, and keys only what shows above the title band', () => {
    const far = ev('far', 'arrest', -120, 40);
    const centre = ev('centre', 'meeting', 44, 30); // at y 315
    const north = ev('north', 'killing', 44, 34);
    const r = eventsSvg(vp, [far, centre, north], undefined, 300);
    expect(circles(r.markers)).toHaveLength(2);
    expect(r.shown.has('arrest')).toBe(false);
    expect(r.shown.has('meeting')).toBe(false);
    expect(r.shown.has('killing')).toBe(true);
  });

  it('writes nothing from the article data into the SVG', () => {
    const evil = ev('x"/><script>alert(1)</script>', 'strike', 44, 30);
    evil.properties.title = '<svg onload=alert(1)>';
    const { markers, areas } = eventsSvg(vp, [evil]);
    expect(markers + areas).not.toMatch(/script|onload|alert/);
  });
});

describe('movements', () => {
  it('draws stated routes solid and inferred or alleged ones dashed, in the map’s widths', () => {
    const solid = movementsSvg(vp, MOVEMENTS).lines;
    expect(solid).toContain(`stroke-width="${MOVEMENT_LINE.width}"`);
    expect(solid).not.toContain('stroke-dasharray');
    const dashes = `stroke-dasharray="${MOVEMENT_LINE.dash[0] * MOVEMENT_LINE.width} ${MOVEMENT_LINE.dash[1] * MOVEMENT_LINE.width}"`;
    expect(movementsSvg(vp, [mv('a', 'arms', [30, 30], TEHRAN, { status: 'alleged' })]).lines).toContain(dashes);
    expect(movementsSvg(vp, [mv('b', 'travel', [30, 30], TEHRAN, { originInferred: true })]).lines).toContain(dashes);
  });

  it('marks the ends, hollow where the text does not state them', () => {
    const { ends, shown } = movementsSvg(vp, [mv('b', 'travel', [40, 30], TEHRAN, { originInferred: true })]);
    const [origin, destination] = circles(ends);
    expect(origin!.fill).toBe('#ffffff');
    expect(destination!.fill).toBe(MOVEMENT_COLORS.travel);
    const [x, y] = project(vp, TEHRAN[0], TEHRAN[1]);
    expect(Number(destination!.cx)).toBeCloseTo(x, 0);
    expect(Number(destination!.cy)).toBeCloseTo(y, 0);
    expect([...shown]).toEqual(['travel']);
  });

  it('points the chevrons along the direction of travel', () => {
    const east = chevrons([100, 300, 700, 300]);
    const heads = [...east.matchAll(/M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)Z/g)].map((m) => m.slice(1).map(Number));
    // 600 px at 90 px spacing, from 45 px in
    expect(heads).toHaveLength(7);
    for (const [tipX, , baseX] of heads) expect(tipX!).toBeGreaterThan(baseX!);
    const west = chevrons([700, 300, 100, 300]);
    const [tipX, , baseX] = [...west.matchAll(/M([\d.]+) ([\d.]+)L([\d.]+)/g)][0]!.slice(1).map(Number);
    expect(tipX!).toBeLessThan(baseX!);
    // a short line still shows its direction once
    expect(chevrons([100, 300, 150, 300]).match(/M/g)).toHaveLength(1);
  });

  it('draws an arc across the antimeridian once, short, near the centre', () => {
    const pacific = mv('pacific', 'arms', [170, 10], [-170, 20], { status: 'alleged' });
    const { lines } = movementsSvg(makeViewport([180, 15], 3), [pacific]);
    const d = lines.match(new RegExp(`<path d="([^"]+)" stroke="${MOVEMENT_COLORS.arms}"`))?.[1];
    expect(d).toBeDefined();
    expect(d!.match(/M/g)).toHaveLength(1);
    const xs = [...d!.matchAll(/[ML](-?[\d.]+) /g)].map((m) => Number(m[1]));
    // 20° of longitude at zoom 3 is ~228 px; a wrapped line would span the whole image
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(260);
    expect(Math.min(...xs)).toBeGreaterThan(450);
    expect(Math.max(...xs)).toBeLessThan(750);
  });
});
