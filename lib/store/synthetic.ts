// Synthetic load for tests and benchmarks, written through the real write path: every event is quoted
// from a generated article, with a date phrase that lib/dates.ts resolves, so the domain rules run on it.
// Places cluster around real cities; time is bursty (a growing background plus crises that flare and
// decay over days), which is what makes real feeds hard on indexes and histograms.
import { addDays, dayNumber, fromDayNumber, MONTH_NAMES, resolveDatePhrase } from '../dates';
import type { Actor, Category, DatePrecision, EventFeature, PlacePrecision, SourceClaim } from '../types';
import { CATEGORIES } from '../types';
import type { ArticleInput } from '../domain/features';
import type { WriteBatch } from './contract';

/** mulberry32: small, fast, deterministic floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** [name, country, lng, lat, weight] */
const CITIES: [string, string, number, number, number][] = [
  ['Beirut', 'Lebanon', 35.5018, 33.8938, 9],
  ['Gaza', 'Palestine', 34.4668, 31.5017, 10],
  ['Tel Aviv', 'Israel', 34.7818, 32.0853, 6],
  ['Jerusalem', 'Israel', 35.2137, 31.7683, 5],
  ['Damascus', 'Syria', 36.2913, 33.5138, 6],
  ['Aleppo', 'Syria', 37.1612, 36.2021, 3],
  ['Tehran', 'Iran', 51.389, 35.6892, 7],
  ['Isfahan', 'Iran', 51.6776, 32.6546, 2],
  ['Baghdad', 'Iraq', 44.3661, 33.3152, 6],
  ['Erbil', 'Iraq', 44.0092, 36.1911, 2],
  ['Sanaa', 'Yemen', 44.191, 15.3694, 5],
  ['Hodeidah', 'Yemen', 42.9545, 14.7978, 3],
  ['Amman', 'Jordan', 35.9284, 31.9454, 2],
  ['Riyadh', 'Saudi Arabia', 46.6753, 24.7136, 3],
  ['Doha', 'Qatar', 51.531, 25.2854, 3],
  ['Cairo', 'Egypt', 31.2357, 30.0444, 3],
  ['Ankara', 'Turkey', 32.8597, 39.9334, 2],
  ['Moscow', 'Russia', 37.6173, 55.7558, 5],
  ['Kyiv', 'Ukraine', 30.5234, 50.4501, 6],
  ['Kharkiv', 'Ukraine', 36.2304, 49.9935, 3],
  ['Washington', 'United States', -77.0369, 38.9072, 5],
  ['New York', 'United States', -74.006, 40.7128, 2],
  ['Brussels', 'Belgium', 4.3517, 50.8503, 2],
  ['Beijing', 'China', 116.4074, 39.9042, 3],
  ['Taipei', 'Taiwan', 121.5654, 25.033, 2],
  ['Pyongyang', 'North Korea', 125.7625, 39.0392, 1],
  ['Khartoum', 'Sudan', 32.5599, 15.5007, 3],
  ['Tripoli', 'Libya', 13.1913, 32.8872, 1],
  ['Kabul', 'Afghanistan', 69.2075, 34.5553, 2],
  ['Islamabad', 'Pakistan', 73.0479, 33.6844, 1],
  ['Caracas', 'Venezuela', -66.9036, 10.4806, 1],
  ['Mogadishu', 'Somalia', 45.3182, 2.0469, 1],
];
const CITY_WEIGHT = CITIES.reduce((n, c) => n + c[4], 0);

const FIRST = ['Ali', 'Sergei', 'Yusuf', 'Miriam', 'Daniel', 'Hassan', 'Olena', 'James', 'Leila', 'Omar', 'Anna', 'Karim', 'Viktor', 'Sara', 'Mahmoud', 'Lin'];
const LAST = ['Haddad', 'Petrov', 'Karimi', 'Cohen', 'Nasser', 'Kovalenko', 'Miller', 'Rahimi', 'Saleh', 'Ivanova', 'Mansour', 'Zhang', 'Aziz', 'Levi', 'Farouk', 'Novak'];
const ROLES = ['foreign minister', 'army commander', 'spokesman', 'envoy', 'militia leader', 'defence minister', 'negotiator', 'governor'];
const VERB: Record<Category, [string, string]> = {
  strike: ['Strike hits', 'an air strike hit a building'],
  killing: ['Commander killed', 'a commander was killed'],
  visit: ['Official visit', 'a delegation arrived for talks'],
  meeting: ['Leaders meet', 'officials met behind closed doors'],
  statement: ['Statement issued', 'a statement warned of retaliation'],
  'arms-transfer': ['Weapons delivered', 'a shipment of drones was delivered'],
  diplomacy: ['Ceasefire talks', 'mediators pressed for a ceasefire'],
  arrest: ['Arrests made', 'security forces detained several suspects'],
  political: ['Government reshuffle', 'parliament voted to dismiss the cabinet'],
  incident: ['Explosion reported', 'an explosion shook the port'],
};

export const SYNTHETIC_FROM = '2018-01-01';
export const SYNTHETIC_TO = '2024-08-05';

export interface SyntheticOptions {
  seed?: number;
  /** events per write batch (one transaction each) */
  batchSize?: number;
  actors?: number;
}

export function syntheticActors(n = 60): Actor[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `synthetic-actor-${i + 1}`,
    name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
    role: `${ROLES[i % ROLES.length]} (synthetic)`,
    affiliation: CITIES[i % CITIES.length]![1],
  }));
}

/** Write batches totalling `n` synthetic events (the first batch also carries the actors). */
export function* syntheticBatches(n: number, opts: SyntheticOptions = {}): Generator<WriteBatch> {
  const rand = prng(opts.seed ?? 20240805);
  const batchSize = opts.batchSize ?? 10_000;
  const actors = syntheticActors(opts.actors ?? 60);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const pickCity = () => {
    let w = rand() * CITY_WEIGHT;
    return CITIES.find((c) => (w -= c[4]) < 0) ?? CITIES[0]!;
  };
  const d0 = dayNumber(SYNTHETIC_FROM);
  const d1 = dayNumber(SYNTHETIC_TO);
  const span = d1 - d0;
  // Background news volume grows over time (sqrt draw skews late); crises cluster in place and time.
  const background = () => d0 + Math.floor(Math.sqrt(rand()) * span);
  const crises = Array.from({ length: Math.max(4, Math.round(n / 2000)) }, () => ({ city: pickCity(), day: background(), scale: 1 + rand() * 6, weight: rand() ** 3 }));
  const crisisWeight = crises.reduce((s, c) => s + c.weight, 0);
  const pickCrisis = () => {
    let w = rand() * crisisWeight;
    return crises.find((c) => (w -= c.weight) < 0) ?? crises[0]!;
  };
  const width = Math.max(6, String(n).length);

  let made = 0;
  let articleNo = 0;
  let first = true;
  while (made < n) {
    const articles: ArticleInput[] = [];
    const events: EventFeature[] = [];
    while (events.length < batchSize && made < n) {
      // One article reports a few events from one place and stretch of days.
      const inCrisis = rand() < 0.6;
      const crisis = pickCrisis();
      const city = inCrisis ? crisis.city : pickCity();
      const day = Math.min(d1, Math.max(d0, inCrisis ? crisis.day + Math.round(Math.abs(gauss()) * crisis.scale * 3) : background()));
      const articleDate = fromDayNumber(Math.min(d1, day + Math.floor(rand() * 3)));
      const articleId = `synthetic-article-${String(++articleNo).padStart(width, '0')}`;
      const k = Math.min(n - made, 1 + Math.floor(rand() * rand() * 8));
      const sentences: string[] = [`${city[0]} (synthetic) — This article is generated for load tests and reports nothing real.`];
      const pending: { f: EventFeature; quote: string }[] = [];
      for (let j = 0; j < k; j++) {
        const i = ++made;
        const id = `synthetic-${String(i).padStart(width, '0')}`;
        const category = CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!;
        const pr = rand();
        const precision: DatePrecision = pr < 0.88 ? 'day' : pr < 0.94 ? 'week' : pr < 0.99 ? 'month' : 'year';
        const when = addDays(articleDate, -Math.floor(rand() * 3));
        const month = MONTH_NAMES[Number(when.slice(5, 7)) - 1]!;
        const dateText =
          precision === 'day' ? `${month} ${Number(when.slice(8, 10))}` : precision === 'week' ? 'last week' : precision === 'month' ? `${month} ${when.slice(0, 4)}` : `in ${when.slice(0, 4)}`;
        const date = resolveDatePhrase(dateText, articleDate)!;
        const who = actors[Math.floor(rand() * actors.length)]!;
        const nActors = Math.floor(rand() * 3);
        const eventActors = nActors === 0 ? [] : nActors === 1 ? [who] : [who, actors[Math.floor(rand() * actors.length)]!].filter((a, x, xs) => xs.indexOf(a) === x);
        const sigma = rand() < 0.7 ? 0.05 : 0.5;
        const lng = round4(Math.max(-180, Math.min(180, city[2] + gauss() * sigma)));
        const lat = round4(Math.max(-85, Math.min(85, city[3] + gauss() * sigma * 0.8)));
        const pp = rand();
        const placePrecision: PlacePrecision = pp < 0.6 ? 'city' : pp < 0.95 ? 'point' : 'region';
        const [headline, clause] = VERB[category];
        const quote = `${dateText[0]!.toUpperCase()}${dateText.slice(1)}, near ${city[0]}, ${clause}, according to ${who.name}.`;
        const source: SourceClaim = { article: articleId, headline: `${headline} near ${city[0]}`, outlet: null, articleDate, quote, offset: -1, dateText, date };
        pending.push({
          quote,
          f: {
            type: 'Feature',
            id,
            geometry: { type: 'Point', coordinates: [lng, lat] },
            properties: {
              id,
              title: `${headline} near ${city[0]}`,
              summary: `${clause[0]!.toUpperCase()}${clause.slice(1)} near ${city[0]} (synthetic event ${i}).`,
              category,
              start: date.start,
              end: date.end,
              precision: date.precision,
              dateInferred: false,
              place: {
                id: `synthetic-place-${city[0].toLowerCase().replace(/\s+/g, '-')}`,
                name: sigma < 0.1 ? city[0] : `Near ${city[0]}`,
                country: city[1],
                lat,
                lng,
                precision: placePrecision,
                ...(placePrecision === 'region' ? { radiusKm: 10 + Math.floor(rand() * 60) } : {}),
                inferred: false,
              },
              actors: eventActors,
              sources: [source],
              corroboration: 1,
              disputed: [],
              precisionDiffers: [],
            },
          },
        });
        sentences.push(quote);
      }
      const text = sentences.join('\n\n') + '\n';
      for (const { f, quote } of pending) f.properties.sources[0]!.offset = text.indexOf(quote);
      articles.push({ id: articleId, headline: null, outlet: null, author: null, date: articleDate, dateStatus: 'inferred', dateBasis: 'Synthetic: dated by the generator.', text });
      events.push(...pending.map((p) => p.f));
    }
    yield { origin: 'synthetic', articles, events, ...(first ? { actors } : {}) };
    first = false;
  }
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
