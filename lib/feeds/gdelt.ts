// GDELT 2.0 event exports (tab-separated, 61 columns, no header) turned into feed events. GDELT codes
// events by machine, with no quote, so each becomes sourceType 'feed' with the story URL as its record.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { isIsoDate } from '../dates';
import type { Actor, Category, EventFeature, PlacePrecision } from '../types';

export const GDELT_COLUMNS = 61;
/** Column positions (0-based) from the GDELT 2.0 Event codebook, checked against real exports. */
export const COL = {
  GLOBALEVENTID: 0,
  SQLDATE: 1,
  Actor1Code: 5,
  Actor1Name: 6,
  Actor1CountryCode: 7,
  Actor2Code: 15,
  Actor2Name: 16,
  Actor2CountryCode: 17,
  EventCode: 26,
  EventBaseCode: 27,
  EventRootCode: 28,
  GoldsteinScale: 30,
  NumArticles: 33,
  AvgTone: 34,
  ActionGeo_Type: 51,
  ActionGeo_FullName: 52,
  ActionGeo_CountryCode: 53,
  ActionGeo_Lat: 56,
  ActionGeo_Long: 57,
  DATEADDED: 59,
  SOURCEURL: 60,
} as const;

/**
 * CAMEO root code → our category. Where a root mixes kinds, a more specific event code decides first
 * (see CAMEO_EVENT): a visit is a kind of consultation, an arrest a kind of coercion.
 *
 * | root | CAMEO                                  | category      |
 * | ---- | -------------------------------------- | ------------- |
 * | 01   | make public statement                  | statement     |
 * | 02   | appeal                                 | statement     |
 * | 03   | express intent to cooperate            | diplomacy     |
 * | 04   | consult (042/043 visits → visit)       | meeting       |
 * | 05   | engage in diplomatic cooperation       | diplomacy     |
 * | 06   | engage in material cooperation         | diplomacy     |
 * | 07   | provide aid (074 military aid → arms-transfer) | diplomacy |
 * | 08   | yield                                  | diplomacy     |
 * | 09   | investigate                            | political     |
 * | 10   | demand                                 | statement     |
 * | 11   | disapprove                             | statement     |
 * | 12   | reject                                 | statement     |
 * | 13   | threaten                               | statement     |
 * | 14   | protest                                | political     |
 * | 15   | exhibit force posture                  | incident      |
 * | 16   | reduce relations                       | diplomacy     |
 * | 17   | coerce (173 arrest/detain → arrest)    | political     |
 * | 18   | assault (183 bombing → strike, 185/186 assassination → killing) | incident |
 * | 19   | fight                                  | strike        |
 * | 20   | unconventional mass violence           | killing       |
 */
export const CAMEO_ROOT: Record<string, Category> = {
  '01': 'statement',
  '02': 'statement',
  '03': 'diplomacy',
  '04': 'meeting',
  '05': 'diplomacy',
  '06': 'diplomacy',
  '07': 'diplomacy',
  '08': 'diplomacy',
  '09': 'political',
  '10': 'statement',
  '11': 'statement',
  '12': 'statement',
  '13': 'statement',
  '14': 'political',
  '15': 'incident',
  '16': 'diplomacy',
  '17': 'political',
  '18': 'incident',
  '19': 'strike',
  '20': 'killing',
};
/** Event-code prefixes that override the root's category (longest prefix wins). */
export const CAMEO_EVENT: Record<string, Category> = {
  '042': 'visit',
  '043': 'visit',
  '074': 'arms-transfer',
  '173': 'arrest',
  '183': 'strike',
  '185': 'killing',
  '186': 'killing',
};
const ROOT_LABEL: Record<string, string> = {
  '01': 'Public statement',
  '02': 'Appeal',
  '03': 'Intent to cooperate',
  '04': 'Consultation',
  '05': 'Diplomatic cooperation',
  '06': 'Material cooperation',
  '07': 'Aid',
  '08': 'Concession',
  '09': 'Investigation',
  '10': 'Demand',
  '11': 'Disapproval',
  '12': 'Rejection',
  '13': 'Threat',
  '14': 'Protest',
  '15': 'Show of force',
  '16': 'Reduced relations',
  '17': 'Coercion',
  '18': 'Assault',
  '19': 'Fighting',
  '20': 'Mass violence',
};

export function cameoCategory(rootCode: string, eventCode: string): Category | null {
  for (const len of [4, 3]) {
    const c = CAMEO_EVENT[eventCode.slice(0, len)];
    if (c && eventCode.length >= len) return c;
  }
  return CAMEO_ROOT[rootCode] ?? null;
}

/**
 * ActionGeo_Type → precision and an uncertainty radius (the domain requires one for areas):
 * 1 country; 2 US state and 5 world ADM1 → region; 3 US city and 4 world city → city.
 */
const GEO_TYPE: Record<string, { precision: PlacePrecision; radiusKm?: number }> = {
  '1': { precision: 'country', radiusKm: 400 },
  '2': { precision: 'region', radiusKm: 150 },
  '3': { precision: 'city' },
  '4': { precision: 'city' },
  '5': { precision: 'region', radiusKm: 150 },
};

export class GdeltFormatError extends Error {
  override name = 'GdeltFormatError';
}

export type SkipReason = 'no-coordinates' | 'unmapped-code' | 'no-source-url';

export interface GdeltParse {
  rows: number;
  events: EventFeature[];
  actors: Actor[];
  skipped: Record<SkipReason, number>;
}

const actorId = (code: string) => `gdelt-${code.toLowerCase()}`;

/** Parses one export's text; throws GdeltFormatError naming the line on anything malformed. */
export function parseGdeltExport(text: string, file = 'input', onProgress?: (done: number, total: number) => void): GdeltParse {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out: GdeltParse = { rows: 0, events: [], actors: [], skipped: { 'no-coordinates': 0, 'unmapped-code': 0, 'no-source-url': 0 } };
  const actors = new Map<string, Actor>();
  /** GLOBALEVENTID → the line that first gave it: a repeat is a broken file, not two events. */
  const firstLine = new Map<string, number>();
  const fail = (line: number, why: string): never => {
    throw new GdeltFormatError(`${file} line ${line}: ${why}`);
  };
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const f = lines[i]!.replace(/\r$/, '').split('\t');
    if (f.length !== GDELT_COLUMNS) fail(n, `expected ${GDELT_COLUMNS} tab-separated columns, found ${f.length} (is this a GDELT 2.0 event export?)`);
    out.rows++;
    const gid = f[COL.GLOBALEVENTID]!;
    if (!/^\d+$/.test(gid)) fail(n, `GLOBALEVENTID ${JSON.stringify(gid)} is not a number`);
    const seenAt = firstLine.get(gid);
    if (seenAt !== undefined) fail(n, `GLOBALEVENTID ${gid} repeats line ${seenAt}`);
    firstLine.set(gid, n);
    const d = f[COL.SQLDATE]!;
    const date = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
    if (!/^\d{8}$/.test(d) || !isIsoDate(date)) fail(n, `SQLDATE ${JSON.stringify(d)} is not a YYYYMMDD date`);
    const root = f[COL.EventRootCode]!;
    const code = f[COL.EventCode]!;
    if (!/^\d{2}$/.test(root) || !/^\d{2,4}$/.test(code)) fail(n, `EventRootCode/EventCode ${JSON.stringify(root)}/${JSON.stringify(code)} are not CAMEO codes`);
    const latS = f[COL.ActionGeo_Lat]!;
    const lngS = f[COL.ActionGeo_Long]!;
    if (latS === '' || lngS === '') {
      out.skipped['no-coordinates']++;
      continue;
    }
    const lat = Number(latS);
    const lng = Number(lngS);
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) fail(n, `ActionGeo coordinates ${latS},${lngS} are not a position`);
    const category = cameoCategory(root, code);
    if (!category) {
      out.skipped['unmapped-code']++;
      continue;
    }
    const url = f[COL.SOURCEURL]!.trim();
    if (!url) {
      out.skipped['no-source-url']++;
      continue;
    }
    const geo = GEO_TYPE[f[COL.ActionGeo_Type]!] ?? { precision: 'city' as const };
    const eventActors: Actor[] = [];
    for (const [c, nm, cc] of [
      [COL.Actor1Code, COL.Actor1Name, COL.Actor1CountryCode],
      [COL.Actor2Code, COL.Actor2Name, COL.Actor2CountryCode],
    ] as const) {
      const acode = f[c]!.trim();
      if (!/^[A-Za-z0-9]{1,60}$/.test(acode)) continue;
      const id = actorId(acode);
      // One code can carry several names ("COMPANY", "COMPANIES"); the first one seen in a file names it.
      let a = actors.get(id);
      if (!a) actors.set(id, (a = { id, name: f[nm]!.trim() || acode, role: `GDELT actor ${acode.toUpperCase()}`, affiliation: f[cc]!.trim() }));
      if (!eventActors.some((x) => x.id === id)) eventActors.push(a);
    }
    const placeName = f[COL.ActionGeo_FullName]!.trim() || 'Unnamed place';
    const id = `gdelt-${gid}`;
    const label = ROOT_LABEL[root] ?? 'Event';
    const who = eventActors.map((a) => a.name).join(' – ');
    out.events.push({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [lng, lat] },
      properties: {
        id,
        title: who ? `${label}: ${who}` : `${label} in ${placeName}`,
        summary: `GDELT record ${gid}, CAMEO ${code}, Goldstein ${f[COL.GoldsteinScale]}, average tone ${Number(f[COL.AvgTone]).toFixed(1)}; machine-coded, not checked against the story.`,
        category,
        start: date,
        end: date,
        precision: 'day',
        dateInferred: false,
        place: {
          id: `gdelt-place-${gid}`,
          name: placeName,
          country: f[COL.ActionGeo_CountryCode]!.trim(),
          lat,
          lng,
          precision: geo.precision,
          ...(geo.radiusKm ? { radiusKm: geo.radiusKm } : {}),
          inferred: false,
        },
        actors: eventActors,
        sources: [],
        corroboration: 1,
        disputed: [],
        precisionDiffers: [],
        sourceType: 'feed',
        feedSources: [{ feed: 'gdelt', recordId: gid, url, code, ...(/^\d+$/.test(f[COL.NumArticles]!) ? { articles: Number(f[COL.NumArticles]) } : {}) }],
      },
    });
    if (onProgress && (i & 1023) === 0) onProgress(i, lines.length);
  }
  onProgress?.(lines.length, lines.length);
  out.actors = [...actors.values()];
  return out;
}

/** Reads a .CSV or a .CSV.zip (the one CSV inside) as text. */
export function readGdeltFile(file: string): string {
  const buf = readFileSync(file);
  if (/\.zip$/i.test(file)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
    } catch (e) {
      throw new GdeltFormatError(`${file}: not a readable zip archive (${(e as Error).message})`);
    }
    const csv = Object.keys(entries).filter((k) => /\.csv$/i.test(k));
    if (csv.length !== 1) throw new GdeltFormatError(`${file}: expected exactly one .CSV inside the zip, found ${csv.length}`);
    return new TextDecoder('utf-8').decode(entries[csv[0]!]);
  }
  return buf.toString('utf8');
}
