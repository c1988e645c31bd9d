import { describe, expect, it } from 'vitest';
import { findActors } from './actors';
import { countryRadius, foldName, loadGazetteer } from './gazetteer';
import { haversineKm } from './geo-distance';
import { findPlaces } from './places';

const gazetteer = loadGazetteer();
const places = (text: string) => findPlaces(text, { gazetteer, actors: findActors(text, { actors: [], gazetteer }) });
const named = (text: string, name: string) => {
  const p = places(text).find((x) => x.text === name);
  expect(p, `${name} in "${text}"`).toBeDefined();
  return p!;
};

describe('findPlaces', () => {
  it('resolves cities, countries and regions with the precision and radius of the convention', () => {
    const t = 'Aid reached Tehran, crossed Jordan and entered the Golan Heights.';
    expect(named(t, 'Tehran').place).toMatchObject({ precision: 'city', radiusKm: 60, country: 'IR' });
    expect(named(t, 'Jordan').place).toMatchObject({ precision: 'country', radiusKm: 500, country: 'JO' });
    expect(named(t, 'Golan Heights').place.precision).toBe('region');
    expect(countryRadius(1_600_000)).toBe(800);
  });

  it('never pins a town in a country the article does not speak of because a hamlet shares its name', () => {
    // Jenin is spelled Janin in GeoNames; its only exact namesake is a hamlet in Poland.
    expect(named('Israeli troops raided the city of Jenin on Monday.', 'Jenin').place).toMatchObject({ name: 'Jenin', country: 'PS' });
  });

  it('tells Jordan the country from the Jordan river', () => {
    expect(named('Villagers waded across the Jordan River at dawn.', 'Jordan River').place.name).toBe('Jordan Valley');
    expect(named('Pilgrims were baptised in the Jordan near the old ford.', 'Jordan').place.name).toBe('Jordan Valley');
    expect(named('The king returned to Jordan on Monday.', 'Jordan').place.country).toBe('JO');
  });

  it('tells Washington the capital from Washington state', () => {
    const city = named('The envoy flew to Washington for talks.', 'Washington').place;
    expect(haversineKm(city.lat, city.lng, 38.9, -77.04)).toBeLessThan(30);
    expect(named('Wildfires spread across Washington state this week.', 'Washington state').place.precision).toBe('region');
  });

  it('treats a capital or seat that speaks as an actor, not a pin (metonymy)', () => {
    expect(named('Tehran has vowed revenge for the strike.', 'Tehran').role).toBe('actor');
    expect(named('Moscow warned against any escalation.', 'Moscow').role).toBe('actor');
    const pentagon = named('The Pentagon said the carrier would stay.', 'The Pentagon');
    expect(pentagon.seat).toBe(true);
    expect(named('Officials met in Tehran on Sunday.', 'Tehran').role).toBe('location');
  });

  it('reads aliases and descriptions: "the Jewish state", "the Iraqi capital"', () => {
    expect(named('Rockets were fired at the Jewish state overnight.', 'the Jewish state').place.country).toBe('IL');
    expect(named('The president landed in the Iraqi capital on Monday.', 'the Iraqi capital').place.name).toBe('Baghdad');
  });

  it('places "southern Lebanon" as a region south of the country centre', () => {
    const p = named('Jets struck targets in southern Lebanon.', 'southern Lebanon').place;
    const lebanon = named('Jets struck targets in Lebanon.', 'Lebanon').place;
    expect(p.precision).toBe('region');
    expect(p.lat).toBeLessThan(lebanon.lat);
  });

  it('prefers places in the countries the article names (focus) and the population prior', () => {
    const lebanon = named('Shelling hit Lebanon again. In Tripoli, residents fled the port.', 'Tripoli').place;
    expect(lebanon.country).toBe('LB');
    const libya = named('Fighting flared in Libya. In Tripoli, residents fled the port.', 'Tripoli').place;
    expect(libya.country).toBe('LY');
  });

  it('settles a name by its qualifier ("Paris, Texas")', () => {
    expect(named('A storm hit Paris, Texas, on Friday.', 'Paris').place.country).toBe('US');
    expect(named('A storm hit Paris on Friday.', 'Paris').place.country).toBe('FR');
  });

  it('does not take ships, people or numbered sites for towns', () => {
    const ps = places('The USS Georgia sailed on. Michael Jordan spoke. Tower 22 was hit.');
    expect(ps.map((p) => p.text)).not.toContain('Georgia');
    expect(ps.map((p) => p.text)).not.toContain('Jordan');
    expect(ps.map((p) => p.text)).not.toContain('Tower');
  });

  it('marks possessives and country adjectives as modifiers, unless a locative word governs them', () => {
    expect(named("Yemen's port city of Hodeidah was quiet.", 'Yemen').role).toBe('modifier');
    expect(named("Jets struck Yemen's port city of Hodeidah.", 'Yemen').role).toBe('location');
    expect(named("Jets struck Yemen's port city of Hodeidah.", 'Hodeidah').role).toBe('location');
    expect(named('A drone hit a US outpost near the border.', 'US').role).toBe('modifier');
  });

  it('offsets "N kilometres west of X"', () => {
    const p = places('The tanker drifted about 100 kilometres west of Hodeidah.').find((x) => x.role === 'location')!;
    const hodeidah = named('Jets struck Hodeidah.', 'Hodeidah').place;
    expect(Math.round(haversineKm(p.place.lat, p.place.lng, hodeidah.lat, hodeidah.lng))).toBeGreaterThan(90);
    expect(p.place.lng).toBeLessThan(hodeidah.lng);
  });

  it('folds diacritics and apostrophes', () => {
    expect(foldName('Przemyśl')).toBe('przemysl');
    expect(foldName('Sana’a')).toBe('sanaa');
  });
});
