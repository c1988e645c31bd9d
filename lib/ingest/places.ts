// Stage 4: place names resolved against the gazetteer. A name with several entries is settled by the
// article's focus (the countries it mentions most), a population prior, capitals, and qualifiers in
// the text ("El Alamein, Egypt", "Yemen's port city of Hodeidah"). Each mention also gets a role: a
// place where something happened, an origin, or a capital or country used for its government
// ("Tehran has vowed revenge": an actor, not a pin).
import type { PlacePrecision } from '../vocab';
import type { ActorMention } from './actors';
import { lexTags } from './actors';
import { foldName, type GazPlace, type Gazetteer } from './gazetteer';
import { US_STATES } from './places-data';
import { joinable, tokenize, type Token } from './tokens';

export type PlaceRole = 'location' | 'origin' | 'actor' | 'modifier' | 'mention' | 'topic';

export interface ResolvedPlace {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2, '' for seas */
  country: string;
  countryName: string;
  lat: number;
  lng: number;
  precision: Exclude<PlacePrecision, 'point'>;
  radiusKm: number;
}

export interface PlaceMention {
  text: string;
  start: number;
  end: number;
  place: ResolvedPlace;
  role: PlaceRole;
  /** the government seat it names ("the Pentagon"), which speaks for the government */
  seat?: boolean;
  /** resolved through a description ("the Iraqi capital") rather than a name */
  described?: boolean;
}

const LOCATIVE = new Set(['in', 'at', 'on', 'near', 'to', 'into', 'outside', 'inside', 'across', 'around', 'off', 'within', 'throughout', 'via', 'through', 'leaving', 'departing', 'reached', 'visited', 'visit', 'visiting', 'entered', 'struck', 'hit', 'bombed', 'attacked', 'targeted', 'shelled', 'raided', 'landed', 'including', 'arrived', 'outskirts', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'northeast', 'northwest', 'southeast', 'southwest', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'central']);
const ACTOR_VERBS = /^(said|says|say|has|have|had|vowed|vows|warned|warns|threatened|threatens|accused|accuses|condemned|condemns|denied|denies|announced|announces|claimed|claims|blamed|blames|would|will|is|was|were|are|called|calls|demanded|insisted|wants|wanted|rejected|urged|urges|launched|struck|fired|attacked|sent|responded|retaliated|must|should|may|might|could|can|believes|says|told|added|stated|confirmed|welcomed|agreed|signed|decided|ordered|plans|intends|hopes|expects|sees|considers|promised|pledged|appeared|remains|continues|began|sought|seeks|does|did)$/i;
const SHIP_PREFIX = /^(USS|HMS|INS|HMAS|HMCS|RFS|FS|MV|SS)$/;
const ORG_SUFFIX = /^(Post|Times|Journal|Herald|Institute|University|Club|Dream|News|Daily|Tribune|Agency|Television|TV|Radio|Press|Group|Party|Company|Corporation|Bank|Fund|Declaration|Accords?|Agreement|Treaty|Protocol|Convention|Street|Avenue|Square|Airport|Stadium|Hotel|Hospital|Center|Centre|Gazette|Observer|Monitor|Review|Today|Insider|Examiner|Express|Guardian|Telegraph|Independent|Standard|Star|Sun|Mail|Globe|Chronicle|Inquirer|Wire|Online|Post-Gazette|Free|Express|Brigades?|Army|Forces|Guard|Council|Ministry|Government)$/;
const DIRECTIONS: Record<string, [number, number]> = {
  north: [1, 0], northern: [1, 0], south: [-1, 0], southern: [-1, 0], east: [0, 1], eastern: [0, 1], west: [0, -1], western: [0, -1],
  northeast: [0.7, 0.7], northeastern: [0.7, 0.7], northwest: [0.7, -0.7], northwestern: [0.7, -0.7], southeast: [-0.7, 0.7], southeastern: [-0.7, 0.7], southwest: [-0.7, -0.7], southwestern: [-0.7, -0.7],
};
// Single-word city names that are English words as well (Police, Of, Mobile) are places only in a
// locative slot and within the article's focus.
// Capitalised nouns that GeoNames also knows as some small town ("Tower", "University", "Dome").
const COMMON_NOUNS = new Set(['tower', 'university', 'dome', 'congress', 'parliament', 'police', 'union', 'airport', 'camp', 'base', 'port', 'station', 'palace', 'square', 'street', 'avenue', 'road', 'bridge', 'court', 'church', 'mosque', 'hospital', 'school', 'college', 'center', 'centre', 'office', 'house', 'hall', 'military', 'army', 'navy', 'guard', 'security', 'president', 'minister', 'general', 'commander', 'state', 'capital', 'city', 'victoria', 'liberty', 'independence', 'unity', 'hope', 'progress', 'reform', 'justice', 'peace', 'freedom', 'patriot', 'iron', 'storm', 'eagle', 'phoenix', 'joint', 'defense', 'defence', 'national', 'central', 'supreme', 'republic', 'kingdom', 'democratic', 'islamic', 'federal', 'royal', 'media', 'reuters', 'cnn', 'press', 'tass', 'tasnim', 'mehr', 'irna', 'xinhua', 'yonhap', 'interfax', 'ria', 'fars', 'isna', 'wafa', 'sana', 'afp', 'kcna', 'anadolu', 'bbc', 'upi', 'times', 'post', 'news', 'friday', 'monday', 'tuesday', 'wednesday', 'thursday', 'saturday', 'sunday']);
// "the port city of Hodeidah", "the outskirts of Kyiv": "of" names a place only after such a noun.
const PLACE_NOUN_OF = /\b(city|town|village|capital|port|outskirts|suburbs?|region|province|state|governorate|district|coast|shores?|streets|centre|center|heart|north|south|east|west|northeast|northwest|southeast|southwest|area|island|gulf|sea|border|borders|waters|vicinity|airport)\s+of\s+(?:the\s+)?$/i;
// "at the University of Tehran", "in the Gulf of Oman": a named site of the place.
const SITE_OF = /\b(?:at|in|near|outside|inside)\s+(?:the\s+)?(?:\p{Lu}[\p{L}-]*\s+){1,4}of\s+$/u;
// "within Iran’s borders", "in Beirut’s southern suburbs": the place itself, by one of its parts.
export const AREA_NOUNS = /^(borders?|territory|airspace|soil|waters|south|north|east|west|interior|coast|border|suburbs|outskirts|streets|southern|northern|eastern|western|centre|center|heart)$/i;
// Headline case: "US Troops Killed" — a capitalised plural after a country is still its adjective use.
const PLURAL_HEAD = /^(Troops|Forces|Officials|Soldiers|Warplanes|Jets|Ships|Warships|Strikes|Sanctions|Military|Army|Navy|Government|Leaders|Diplomats|Envoy|Delegation)$/;
const FUNCTION_NEXT = new Set(['and', 'or', 'nor', 'on', 'in', 'at', 'to', 'from', 'for', 'since', 'after', 'before', 'with', 'by', 'as', 'that', 'which', 'who', 'where', 'when', 'while', 'but', 'the', 'a', 'an', 'is', 'was', 'has', 'had', 'have', 'said', 'says', 'over', 'into', 'near', 'of', 'than', 'until', 'amid', 'during', 'via', 'if', 'so', 'it', 'its', 'their', 'his', 'her']);
const CALENDAR_WORD = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$/;
const TIME_WORDS = new Set(['early', 'late', 'last', 'this', 'next', 'yesterday', 'today', 'tonight', 'overnight', 'earlier', 'later', 'recently', 'again', 'too', 'also', 'instead', 'alone', 'itself']);
const PLACE_TAGS = new Set(['City', 'Country', 'Region', 'Place', 'ProperNoun', 'Person', 'MaleName', 'FemaleName', 'FirstName', 'Demonym', 'Organization']);

export interface PlaceContext {
  gazetteer: Gazetteer;
  actors?: readonly ActorMention[];
}

/** A gazetteer entry as the pipeline's stages pass places on. */
export function resolved(p: GazPlace, gaz: Gazetteer): ResolvedPlace {
  const precision = p.kind === 'country' ? 'country' : p.kind === 'region' ? 'region' : 'city';
  return {
    id: p.id,
    name: p.name,
    country: p.country,
    countryName: gaz.country(p.country)?.name ?? '',
    lat: p.lat,
    lng: p.lng,
    precision,
    radiusKm: p.radiusKm,
  };
}

interface Candidate {
  start: number;
  end: number;
  i: number;
  j: number;
  places: readonly GazPlace[];
}

/** Place mentions in `text`, resolved and given a role. */
export function findPlaces(text: string, ctx: PlaceContext, tokens: Token[] = tokenize(text)): PlaceMention[] {
  const gaz = ctx.gazetteer;
  const actors = ctx.actors ?? [];
  const inActor = (start: number, end: number, places: readonly GazPlace[]) => !places.some((p) => p.kind === 'seat') && actors.some((a) => a.kind !== 'group' && start < a.end && a.start < end && !(a.kind === 'state'));

  // Pass 1: every span that names something in the gazetteer, longest first.
  const longestAt = (i: number): Candidate | undefined => {
    const t = tokens[i]!;
    const lower = t.text.toLowerCase();
    if (!t.cap && lower !== 'the' && lower !== 'occupied' && lower !== 'state' && lower !== 'eastern') return undefined;
    for (let n = Math.min(gaz.maxTokens, tokens.length - i); n >= 1; n--) {
      let ok = true;
      for (let k = i + 1; k < i + n; k++) if (!joinable(tokens[k]!.gap) && !(/^,\s$/.test(tokens[k]!.gap) && tokens[k]!.text === 'D.C.')) ok = false;
      if (!ok) continue;
      const last = tokens[i + n - 1]!;
      if (!last.cap && !/state$/i.test(last.text)) continue;
      const places = gaz.lookup(foldName(text.slice(t.start, last.end)));
      if (places.length === 0) continue;
      return { start: t.start, end: last.end, i, j: i + n, places };
    }
    return undefined;
  };
  const cands: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const c = longestAt(i);
    if (!c) continue;
    // "the Gulf" must not eat "the Gulf of Aden": a longer name starting one word later wins.
    if (!tokens[i]!.cap) {
      const next = longestAt(i + 1);
      if (next && next.end > c.end) continue;
    }
    // "Tower 22", "Camp 5": a name with a number is a site, not the town of that name.
    const after = tokens[c.j];
    if (after && joinable(after.gap) && /^\d/.test(after.text) && c.places.every((p) => p.kind === 'city')) {
      i = c.j - 1;
      continue;
    }
    if (c.j - c.i === 1 && COMMON_NOUNS.has(tokens[i]!.text.toLowerCase()) && c.places.every((p) => p.kind === 'city')) continue;
    cands.push(c);
    i = c.j - 1;
  }

  // Focus: the countries the article names, by name, demonym or capital.
  const focus = new Map<string, number>();
  const bump = (c: string, w = 1) => c && focus.set(c, (focus.get(c) ?? 0) + w);
  for (const c of cands) {
    const country = c.places.find((p) => p.kind === 'country');
    if (country) bump(country.country, 2);
    // Only unambiguous names count: an ambiguous one would vote for its own most populous reading; and
    // only towns of some size, or a hamlet's name alone would vote itself into focus ("Jenin", Poland).
    else if (c.places.length === 1 && (c.places[0]!.capital || c.places[0]!.population >= 5000)) bump(c.places[0]!.country, 1);
  }
  for (const t of tokens) {
    if (!t.cap) continue;
    const d = gaz.demonym(t.text.replace(/[’']s$/, ''));
    if (d) bump(d, 1);
  }

  const out: PlaceMention[] = [];
  for (const c of cands) {
    const first = tokens[c.i]!;
    const prev = tokens[c.i - 1];
    const next = tokens[c.j];
    if (prev && SHIP_PREFIX.test(prev.text) && joinable(first.gap)) continue;
    if (next && next.cap && joinable(next.gap) && ORG_SUFFIX.test(next.text)) continue;
    // "Estefania Natera", "Jordan Peterson": a one-word town followed by a capitalised word is a name.
    if (c.j - c.i === 1 && next && next.cap && joinable(next.gap) && c.places.every((p) => p.kind === 'city') && !/^\d/.test(next.text) && !CALENDAR_WORD.test(next.text)) continue;
    if (inActor(c.start, c.end, c.places)) continue;
    // A first name or a title before it makes it a person's name ("King Abdullah", "Michael Jordan").
    if (prev && prev.cap && joinable(first.gap) && lexTags(prev.text).some((tag) => tag === 'MaleName' || tag === 'FemaleName' || tag === 'FirstName')) continue;

    const prevWord = prev?.text.toLowerCase() ?? '';
    const locative = LOCATIVE.has(prevWord) || (prevWord === 'the' && LOCATIVE.has(tokens[c.i - 2]?.text.toLowerCase() ?? '')) || (prevWord === 'the' && tokens[c.i - 2]?.text.toLowerCase() === 'on') || (prevWord === 'of' && (PLACE_NOUN_OF.test(text.slice(Math.max(0, c.start - 40), c.start)) || SITE_OF.test(text.slice(Math.max(0, c.start - 60), c.start))));
    const place = choose(c, text, tokens, gaz, focus, locative);
    if (!place) continue;

    // "the Jordan" is the river, never the kingdom.
    let chosen = place;
    if (place.kind === 'country' && place.country === 'JO' && prevWord === 'the') {
      const river = gaz.lookup('jordan valley')[0];
      if (river) chosen = river;
    }

    let start = c.start;
    let res = resolved(chosen, gaz);
    // "southern Lebanon", "northeast Syria": a region of the country, offset from its centroid.
    const dir = prev ? DIRECTIONS[prev.text.toLowerCase()] : undefined;
    if (dir && joinable(first.gap) && (chosen.kind === 'country' || chosen.kind === 'region')) {
      const info = gaz.country(chosen.country);
      const km = chosen.kind === 'country' && info ? Math.sqrt(info.areaKm2) * 0.3 : 0;
      const dLat = (dir[0] * km) / 111;
      const dLng = (dir[1] * km) / (111 * Math.cos((chosen.lat * Math.PI) / 180));
      start = prev!.start;
      res = { ...res, id: `${res.id}-${prev!.text.toLowerCase()}`, name: `${prev!.text} ${res.name}`, lat: res.lat + dLat, lng: res.lng + dLng, precision: 'region', radiusKm: 150 };
    }
    const role = roleOf(tokens, c, text, locative);
    out.push({ text: text.slice(start, c.end), start, end: c.end, place: res, role, ...(chosen.kind === 'seat' ? { seat: true } : {}) });
  }

  // Described places: "the Iraqi capital", "Iran's capital", "the capital of Iraq".
  const described = /\b(?:the\s+(\p{Lu}[\p{L}-]+)\s+capital|(\p{Lu}[\p{L}-]+)[’']s\s+capital|the\s+capital\s+of\s+(\p{Lu}[\p{L}-]+))\b/gu;
  for (const m of text.matchAll(described)) {
    const word = (m[1] ?? m[2] ?? m[3])!;
    const code = gaz.demonym(word) ?? gaz.lookup(foldName(word)).find((p) => p.kind === 'country')?.country;
    const capital = code ? gaz.country(code)?.capital : undefined;
    if (!capital) continue;
    const start = m.index!;
    const end = start + m[0].length;
    // An appositive name right after ("the Iranian capital, Tehran") is found by pass 1 already.
    const appositive = out.find((o) => o.start > end && o.start - end <= 3 && o.place.country === code);
    if (appositive) continue;
    const before = text.slice(Math.max(0, start - 12), start).toLowerCase();
    const role: PlaceRole = /\b(in|at|to|into|from|near|visited|reached|arrived in|of)\s*$/.test(before) ? (/\bfrom\s*$/.test(before) ? 'origin' : 'location') : 'mention';
    out.push({ text: m[0], start, end, place: resolved(capital, gaz), role, described: true });
  }
  // "fired rockets at 11 Israeli military positions": the demonym's country is where they landed.
  const targetRe = /\b(?:at|on|against|into)\s+(?:\d+\s+|several\s+|multiple\s+)?(\p{Lu}[\p{L}-]+)\s+(?:military\s+|army\s+|army\s+and\s+\p{L}+\s+)?(positions|targets|bases|sites|territory|towns|villages|cities|outposts|settlements)\b/gu;
  for (const m of text.matchAll(targetRe)) {
    const code = gaz.demonym(m[1]!);
    const info = code ? gaz.country(code) : undefined;
    if (!info) continue;
    const start = m.index! + m[0].indexOf(m[1]!);
    if (out.some((o) => o.start <= start && start < o.end)) continue;
    out.push({ text: text.slice(start, m.index! + m[0].length), start, end: m.index! + m[0].length, place: resolved(info.place, gaz), role: 'location' });
  }

  // "140 kilometres west of Hodeidah": a point offset from the named place.
  const offsetRe = /\b(?:about|approximately|some|around|roughly|nearly)?\s*(\d+(?:[.,]\d+)?)\s*(kilometres|kilometers|km|miles|nautical miles)\s+(north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\s+(?:the\s+)?/gi;
  for (const m of text.matchAll(offsetRe)) {
    const end = m.index! + m[0].length;
    const target = out.find((o) => o.start >= end && o.start - end < 40);
    if (!target) continue;
    const unit = m[2]!.toLowerCase();
    const km = Number(m[1]!.replace(',', '.')) * (unit.startsWith('nautical') ? 1.852 : unit === 'miles' ? 1.609 : 1);
    const dir = DIRECTIONS[m[3]!.toLowerCase()]!;
    const p = target.place;
    const lat = p.lat + (dir[0] * km) / 111;
    const lng = p.lng + (dir[1] * km) / (111 * Math.cos((p.lat * Math.PI) / 180));
    const start = m.index! + (m[0].length - m[0].trimStart().length);
    target.role = 'modifier';
    out.push({ text: text.slice(start, target.end), start, end: target.end, place: { ...p, id: `${p.id}-${Math.round(km)}km-${m[3]!.toLowerCase()}`, name: `${Math.round(km)} km ${m[3]!.toLowerCase()} of ${p.name}`, lat, lng, precision: 'region', radiusKm: 150 }, role: 'location' });
  }
  return out.sort((a, b) => a.start - b.start);
}

function choose(c: Candidate, text: string, tokens: Token[], gaz: Gazetteer, focus: Map<string, number>, locative: boolean): GazPlace | undefined {
  const span = text.slice(c.start, c.end);
  const single = c.j - c.i === 1;
  // "El Alamein, Egypt", "Paris, France": the qualifier settles it.
  const after = text.slice(c.end, c.end + 40);
  const qual = /^,\s*(\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?)/u.exec(after);
  const qualCountry = qual ? gaz.lookup(foldName(qual[1]!)).find((p) => p.kind === 'country')?.country ?? (US_STATES.has(qual[1]!) ? 'US' : undefined) : undefined;
  // "Yemen's port city of Hodeidah", "Egypt's El Alamein"
  const before = text.slice(Math.max(0, c.start - 40), c.start);
  const poss = /(\p{Lu}[\p{L}]+)[’']s\s+(?:[\p{Ll}-]+\s+){0,4}$/u.exec(before);
  const possCountry = poss ? gaz.lookup(foldName(poss[1]!)).find((p) => p.kind === 'country')?.country ?? gaz.demonym(poss[1]!) : undefined;

  let best: GazPlace | undefined;
  let bestScore = -Infinity;
  for (const p of c.places) {
    let score: number;
    if (p.kind === 'country') score = 100;
    else if (p.kind === 'region') score = 90;
    else if (p.kind === 'seat') score = 95;
    else {
      const f = focus.get(p.country) ?? 0;
      score = Math.log10(p.population + 10) + (p.capital ? 2 : p.adminSeat ? 0.5 : 0) + (f > 0 ? 3 + Math.min(f, 6) * 0.4 : 0);
      if (p.id.startsWith('alias-')) score += 2;
      if (qualCountry === p.country || possCountry === p.country) score += 10;
      // A small town outside the article's focus, named without a locative word, is more likely a
      // surname or a common word than the town.
      const known = p.capital || p.population >= 100_000 || f > 0 || p.id.startsWith('alias-');
      if (!known && !(locative && p.population >= 5000)) continue;
      if (single && !p.capital && lexTags(span).some((t) => !PLACE_TAGS.has(t)) && !(locative && f > 0)) continue;
    }
    if (score > bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}

function roleOf(tokens: Token[], c: Candidate, text: string, locative: boolean): PlaceRole {
  const prev = tokens[c.i - 1]?.text.toLowerCase() ?? '';
  const next = tokens[c.j];
  const last = tokens[c.j - 1]!;
  // "according to Israel", "between the U.S. and South Korea": sources and parties, not places.
  if (prev === 'to' && (tokens[c.i - 2]?.text.toLowerCase() ?? '') === 'according') return 'actor';
  if (/\bbetween\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, c.start - 14), c.start)) || /\bbetween\s+(?:the\s+)?\S+\s+and\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, c.start - 40), c.start))) return 'actor';
  if (prev === 'from' && !last.possessive) return 'origin';
  // "Yemen’s port city of Hodeidah", "Iran’s borders": the place qualifies another word.
  if (last.possessive) {
    // "struck Yemen’s port city of Hodeidah", "attacks on Ukraine’s energy grid": after a locative word
    // the place is where it happened (the event stage then prefers a named place inside it).
    if (locative) return 'location';
    // "Israel's military claimed …": the state acts through its forces.
    if (next && /^(military|army|forces|navy|government|troops|air force|security forces)$/i.test(next.text) && c.places.some((p) => p.kind === 'country')) return 'actor';
    return 'modifier';
  }
  // "Gaza ceasefire talks", "the Ukraine war": the place names a topic.
  if (next && joinable(next.gap) && /^(ceasefire|cease-fire|truce|peace|war|conflict|hostages?|crisis)$/i.test(next.text)) return 'topic';
  // "a US military outpost", "US proposals": a country directly before a content word is its adjective.
  const isCountry = c.places.some((p) => p.kind === 'country');
  // "on the Belarus border", "off the Yemen coast": the country's edge, where it happened.
  if (isCountry && locative && next && joinable(next.gap) && /^(border|frontier|coast|coastline|waters)$/i.test(next.text)) return 'location';
  if (isCountry && next && joinable(next.gap) && !TIME_WORDS.has(next.text.toLowerCase())) {
    const tags = lexTags(next.text);
    const functionWord = FUNCTION_NEXT.has(next.text.toLowerCase()) || /(?:ed|ing)$/.test(next.text) || tags.some((t) => /Preposition|Conjunction|Determiner|Copula|Adverb|Modal|PastTense|PresentTense|Gerund|Infinitive|Auxiliary|Pronoun|Verb/.test(t));
    if ((!next.cap || PLURAL_HEAD.test(next.text)) && !functionWord) return 'modifier';
  }
  // "an attack both Iran and Hamas blame on Israel": the blamed party acts, it is not the place.
  if (/\b(?:blame[sd]?|blaming)\s+(?:\p{L}+\s+){0,3}on\s+$/iu.test(text.slice(Math.max(0, c.start - 40), c.start))) return 'actor';
  if (locative) return 'location';
  // The subject of a verb of saying or acting: the government, not the map point.
  if (next && joinable(next.gap) && (ACTOR_VERBS.test(next.text) || (!next.cap && /^[a-z]+ed$/.test(next.text) && c.places.some((p) => p.kind === 'country' || p.capital)))) return 'actor';
  if (next && joinable(next.gap) && /^(also|then|now|later|again|previously|repeatedly|strongly|has|had)$/i.test(next.text) && tokens[c.j + 1] && ACTOR_VERBS.test(tokens[c.j + 1]!.text)) return 'actor';
  return 'mention';
}
