// Stage 6: events. A sentence reports a happening when it has a trigger of some kind that no threat,
// plan or hypothetical governs, a place where it happened (named in the sentence, or carried from the
// happening the previous sentences report), and a date (stated, or carried likewise). Statements need a
// venue: a place named for them, or a seat or capital that speaks ("the Pentagon said").
import type { ActorMention } from './actors';
import { daysBetween, type DateMention, type DateSpanValue } from './dates';
import type { PlaceMention, ResolvedPlace } from './places';
import type { Sentence } from './sentences';
import { SpanIndex } from './spans';
import { IRREALIS, TRIGGERS, type EventKind } from './triggers';

export interface ExtractedEvent {
  kind: EventKind;
  /** the supporting sentences (exact substrings of the article) */
  quotes: { sentence: number; start: number; end: number; text: string; dateText?: string; date?: DateSpanValue; placeText?: string }[];
  date: DateSpanValue;
  dateInferred: boolean;
  dateBasis?: string;
  place: ResolvedPlace;
  placeInferred: boolean;
  placeBasis?: string;
  actors: ActorMention[];
  confidence: number;
  /** the trigger word's offset, for error analysis */
  triggerAt: number;
  /** the trigger is a noun ("the attack") rather than a verb ("struck") */
  nominal?: boolean;
  trigger: string;
}

/** What the earlier stages found in one article: the input of the event and movement stages. */
export interface ArticleMentions {
  text: string;
  published: string;
  sentences: readonly Sentence[];
  dates: readonly DateMention[];
  places: readonly PlaceMention[];
  actors: readonly ActorMention[];
}

export interface EventInput extends ArticleMentions {
  /** the capital of a country (ISO code), for statements a state makes */
  capitalOf?: (country: string) => ResolvedPlace | undefined;
}

const CLAUSE_BREAK = /[;:]|,\s(?:but|while|whereas|although|as|after|before|which|who)\b|\b(?:but|while|after|before|because|since)\b/i;

/** Words between the clause start and the trigger that make it irrealis. */
function irrealis(sentence: Sentence, at: number): boolean {
  const before = sentence.text.slice(0, at - sentence.start);
  const parts = before.split(CLAUSE_BREAK);
  const clause = (parts[parts.length - 1] ?? '').slice(-60);
  return IRREALIS.test(clause);
}

/** The capital of the state whose officials the clause before an arrest names ("the Russian military’s director"). */
function stateOfficials(s: Sentence, at: number, places: readonly PlaceMention[], actors: readonly ActorMention[], capitalOf: EventInput['capitalOf']): { place: ResolvedPlace } | undefined {
  const subject = s.text.slice(0, at - s.start);
  if (!/\b(officials?|director|minister|ministry|generals?|officers?|military|commanders?)\b/i.test(subject)) return undefined;
  // The state named in the subject: a country ("Iran's") or a national body ("the Russian military's").
  const mentions = [...places.filter((p) => p.place.precision === 'country').map((p) => ({ start: p.start, end: p.end, country: p.place.country })), ...actors.filter((a) => a.country && a.kind !== 'person').map((a) => ({ start: a.start, end: a.end, country: a.country! }))];
  const state = mentions.filter((p) => p.end <= at && p.start >= s.start).sort((a, b) => a.start - b.start).pop();
  const place = state ? capitalOf?.(state.country) : undefined;
  return place ? { place } : undefined;
}

/** The span of the ", who … ," or ", which … ," clause holding offset `at`, if any. */
function relativeClause(s: Sentence, at: number): [number, number] | undefined {
  const before = s.text.slice(0, at - s.start);
  const open = [...before.matchAll(/,\s+(?:who|which)\b/gi)].pop();
  if (!open) return undefined;
  const start = s.start + open.index!;
  if (/,/.test(s.text.slice(open.index! + open[0].length, at - s.start))) return undefined;
  const close = s.text.indexOf(',', at - s.start);
  return [start, close < 0 ? s.end : s.start + close];
}

/** Nearest item to offset `at`, preferring ones after it (objects: "struck Hodeidah", "arrived in Cairo"). */
function nearest<T extends { start: number; end: number }>(items: readonly T[], at: number, afterBias = 0.6): T | undefined {
  let best: T | undefined;
  let bestD = Infinity;
  for (const x of items) {
    const d = x.start >= at ? (x.start - at) * afterBias : at - x.end;
    if (d < bestD) {
      bestD = d;
      best = x;
    }
  }
  return best;
}

// When one sentence reports several kinds at one place and date, the most specific one is the event.
const PRIORITY: EventKind[] = ['killing', 'attack', 'arrest', 'visit', 'protest', 'other', 'deployment', 'meeting', 'diplomacy', 'political', 'arms-transfer', 'statement'];

/** Who speaks for a government: its ministries, spokespeople, commanders and leaders. */
const OFFICIAL = /\b(spokes(?:person|man|woman)|ministry|minister|commander|president|prime minister|supreme leader|chief of staff|foreign office|state department|pentagon|kremlin)\b/i;

// Statement venues: a noun for a situated act ("a press conference in Warsaw", "an address to his
// troops at Port Sudan"), the speaker's own "I am in X", or a seat or capital that speaks.
const VENUE_ACT = /\b(press conference|news conference|address(?:es|ed)?|speech|spoke|speaking|remarks|briefing|interview|comments on|commented|told reporters|before leaving|upon arriving|on arrival|i am in|i am here|we are here|here today)\b/i;

/** A date phrase that starts an ongoing period ("since October last year") dates no single happening. */
function opensPeriod(text: string, d: DateMention): boolean {
  if (/^(since|until|till)\b/i.test(d.text)) return true;
  const before = text.slice(Math.max(0, d.start - 80), d.start);
  return /\b(since|until|till|for the past|throughout|over the past)\b[^,.;:]*$/i.test(before);
}

/** Character ranges inside quotation marks: the speaker's words, not the reporter's assertions. */
function quotedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/“[^”]{3,}”|"[^"\n]{3,}"/g)) out.push([m.index!, m.index! + m[0].length]);
  return out;
}

// Noun forms report a happening only where they name its place themselves ("the killing of X in
// Tehran"); a verb may take its place from the sentences before ("He was killed there").
const DETERMINER_BEFORE = /(?:\b(?:a|an|the|this|that|these|its|his|her|their|our|whose)|[’']s)\s+(?:[\p{L}-]+\s+){0,4}$/iu;

// "joined the protest", "made incursions", "held talks": a light verb asserts the noun's happening.
const LIGHT_VERB_BEFORE = /\b(?:joined|held|led|made|staged|attended|carried out|launched|conducted|paid|began|started|hosted|opened|mounted|organi[sz]ed)\s+(?:[\p{L}-]+\s+){0,3}$/iu;

function isNominal(sentence: Sentence, at: number, trigger: string): boolean {
  const before = sentence.text.slice(Math.max(0, at - sentence.start - 50), at - sentence.start);
  if (LIGHT_VERB_BEFORE.test(before)) return false;
  // "is meeting with": a progressive verb, not the noun.
  if (/\b(?:is|are|was|were)\s+$/i.test(before) && /ing$/i.test(trigger)) return false;
  if (/^(killing of|assassination|meeting|talks with|summit|negotiations|statement|speech|interview|protests?|demonstrations?|rall(?:y|ies)|elections?|funeral|prayers|deployment|exercises|drills|incursions?|delivery|deliveries|shipments?|arrival|trip to)$/i.test(trigger)) return true;
  return DETERMINER_BEFORE.test(sentence.text.slice(Math.max(0, at - sentence.start - 40), at - sentence.start));
}

// "ceasefire talks in Gaza": the place is what the talks are about, not where they are held.
const TOPIC_BEFORE = /\b(?:ceasefire|cease-fire|truce|peace|war|conflict|hostages?|crisis|situation|dispute|tensions?)\s+(?:talks|negotiations|deal|agreement|proposals?|efforts?|plan)?\s*(?:in|on|over|for)\s+(?:the\s+)?$/i;

const LAUNCH = /^(?:fired|launched|test-fired)\s+(?:a|an|two|three|several|\d+)\s+(?:[\p{L}-]+\s+){0,3}(?:missiles?|rockets?|projectiles?)\b(?![^.]{0,60}\b(?:(?:at|into|toward|towards|against)\s|on\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b)))/iu;

const LAUNCH_TARGET = /\b(?:at|into|toward|towards|against)\s+(?!\d{1,2}[:.]\d)/i;

// Kinds that may share a sentence, place and date as separate happenings (a visit and the meeting
// held on arrival; a blast hours before an arrival). Others collapse into the most specific kind.
const FAMILY: Partial<Record<EventKind, string>> = { visit: 'travel', meeting: 'meeting', attack: 'violence', killing: 'violence' };

export function findEvents(input: EventInput): ExtractedEvent[] {
  const { sentences, published, text, capitalOf } = input;
  const out: ExtractedEvent[] = [];
  const dateIndex = new SpanIndex(input.dates);
  const placeIndex = new SpanIndex(input.places);
  const actorIndex = new SpanIndex(input.actors);
  const datesIn = (s: Sentence) => dateIndex.within(s.start, s.end).filter((d) => !d.future && !opensPeriod(text, d));
  // The happening the text is about at each point, to carry place and date to sentences that omit them.
  let lastPlace: Carried | undefined;
  let lastDate: { date: DateSpanValue; sentence: number; text: string } | undefined;
  let lastEvent: Carried | undefined;
  let lastVisit: Carried | undefined;
  const datedAt = new Map<string, { date: DateSpanValue; text: string }>();

  for (const s of sentences) {
    const dates = datesIn(s);
    const places = placeIndex.within(s.start, s.end).filter((p) => !TOPIC_BEFORE.test(text.slice(Math.max(0, p.start - 50), p.start)));
    const actors = actorIndex.within(s.start, s.end);
    const quoted = quotedRanges(s.text).map(([a, b]) => [a + s.start, b + s.start] as const);
    const located = places.filter((p) => p.role === 'location' || p.role === 'mention');
    const fallback = places.filter((p) => p.role === 'modifier' && p.place.precision !== 'country');
    const recent = (x: { sentence: number } | undefined, n = 3) => x !== undefined && s.index - x.sentence <= n && s.index > x.sentence - 1 && s.start - sentences[x.sentence]!.end < 500;
    const candidates: ExtractedEvent[] = [];

    for (const trig of TRIGGERS) {
      trig.re.lastIndex = 0;
      for (const m of s.text.matchAll(trig.re)) {
        const at = s.start + m.index!;
        if (irrealis(s, at)) continue;
        let kind: EventKind = trig.kind;
        if (kind !== 'statement' && quoted.some(([a, b]) => at >= a && at < b)) continue;
        // "arrives in Kyiv for talks", "since Hamas’s October 7 attack": a purpose or a starting point.
        const lead = s.text.slice(0, m.index!);
        if (/\b(?:for|to)\s+(?:a\s+|an\s+|the\s+)?(?:[\p{L}\d-]+\s+){0,2}$/iu.test(lead.slice(-30)) && /^(talks|talks with|summit|meeting|negotiations)/i.test(m[0])) continue;
        if (/\bsince\b[^,;:]*$/i.test(lead)) continue;
        // "announced Putin's two-day visit": a visit announced is one still to come.
        if (/^(visit|trip)/i.test(m[0]) && /\b(?:announced|scheduled|planned|upcoming)\b[^.;]{0,60}$/i.test(lead)) continue;
        // "more than 40,000 people have been killed": a toll over time, not one happening.
        if (/\b(?:more than|over|at least|nearly|almost|some)\s+[\d,.]+\s+(?:[\p{L}-]+\s+){0,2}(?:have|has|had)\s+been\s+$/iu.test(lead)) continue;
        // "summoned the envoy to protest", "plans to attack": an infinitive states a purpose.
        if (/\bto\s+$/i.test(lead) && !/^(trip to|talks with|killing of)/i.test(m[0])) continue;
        // "to protest the strikes", "condemned the attack": a reaction to a happening reported elsewhere.
        if (/\b(?:comments?\s+on|commented\s+on|protest(?:ed|ing)?|condemn(?:ed|ing|s)?|denounc(?:e|ed|ing)|discuss(?:ed|ing)?|criticiz(?:e|ed|ing)|criticis(?:e|ed|ing)|investigat(?:e|ed|ing)|blam(?:e|ed|ing)|mourn(?:ed|ing)?)\s+(?:the|this|that|these|its|their|\p{Lu}[\p{L}-]*[’']s)\s+(?:[\p{L}-]+\s+){0,2}$/iu.test(lead)) continue;
        // A killing is of named people; a strike with casualties is an attack.
        if (kind === 'killing') {
          const victim = actors.find((a) => a.kind === 'person' && Math.abs(a.start - at) < 80);
          if (!victim || /\b(people|civilians|troops|soldiers|crew|members|persons|children)\b/i.test(s.text.slice(m.index!, m.index! + 60)) || /\b(people|civilians|troops|soldiers|crew|members)\s+(?:were|was|have been|had been)?\s*$/i.test(s.text.slice(0, m.index!))) kind = 'attack';
        }
        // "fired a ballistic missile" with no target is a launch, placed where it left from.
        const launch = LAUNCH.exec(s.text.slice(m.index!));
        if (launch && launch.index === 0) {
          if (kind === 'attack') continue;
        }
        // "The missile was fired … from near Pyongyang": a launch with no target, in the passive.
        if (kind === 'attack' && /^(fired|launched)$/i.test(m[0]) && /\b(?:was|were|been)\s+$/i.test(lead) && /\b(missiles?|rockets?|projectiles?)\b/i.test(lead) && !LAUNCH_TARGET.test(s.text.slice(m.index! + m[0].length, m.index! + m[0].length + 80))) kind = 'other';
        const nominal = isNominal(s, at, m[0]);
        // "ground troops crossed into southern Lebanon": forces moving are a deployment, not a visit.
        if (kind === 'visit' && actors.some((a) => a.kind === 'group' && a.end <= at && at - a.end < 40 && /troops|forces|soldiers|army|military|tanks|units|fighters|warships|jets/i.test(a.text))) kind = 'deployment';
        // "The barrage came days after …": the definite noun takes up the happening just reported.
        const ownContent = /^\s+of\s/i.test(s.text.slice(m.index! + m[0].length)) || dates.some((d) => d.start > at && d.start - at < 80);
        if (nominal && FAMILY[kind] && !ownContent && /\b(?:the|this|that)\s+(?:[\p{L}-]+\s+)?$/iu.test(lead.slice(-25))) {
          const taken = [...out].reverse().find((e) => FAMILY[e.kind] === FAMILY[kind] && s.index - e.quotes[e.quotes.length - 1]!.sentence <= 2);
          if (taken) {
            if (!taken.quotes.some((q) => q.start === s.start)) taken.quotes.push({ sentence: s.index, start: s.start, end: s.end, text: s.text });
            continue;
          }
        }
        // "visited Palawan": a named destination the gazetteer does not know is not to be guessed.
        if (kind === 'visit' && /^\s+(?:to\s+|in\s+)?\p{Lu}/u.test(s.text.slice(m.index! + m[0].length, m.index! + m[0].length + 8)) && !places.some((p) => p.start >= at && p.start - (at + m[0].length) < 6)) continue;

        // Place: stated in the sentence, else carried from the happening just reported.
        let place: PlaceMention | undefined;
        let hereCarried: Carried | undefined;
        let officialSeat: { place: ResolvedPlace; basis: string } | undefined;
        if (kind === 'statement') {
          // A seat or capital speaking is a venue on the day the text gives (undated, it is background).
          const speaker = dates.length > 0 ? places.find((p) => (p.seat || (p.role === 'actor' && p.place.precision === 'city')) && p.end <= at + 1 && at - p.end < 40) : undefined;
          // "Russia on Friday condemned …": a state taking a stance on a stated day speaks from its capital.
          let state: PlaceMention | undefined;
          if (!speaker && /^(condemned|condemning|announced|declared|warned)$/i.test(m[0]) && dates.some((d) => Math.abs(d.start - at) < 60)) {
            const clauseStart = Math.max(s.start, at - 60);
            state = places.find((p) => p.place.precision === 'country' && (p.role === 'actor' || p.role === 'mention') && p.start >= clauseStart && p.end <= at);
          }
          const capital = state ? capitalOf?.(state.place.country) : undefined;
          // "warned in Cairo on Saturday": the place right after the verb of saying is its venue.
          const saidIn = located.find((p) => p.role === 'location' && p.start > at && p.start - (at + m[0].length) <= 5);
          const inAt = (p: PlaceMention) => /\b(?:in|at)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, p.start - 8), p.start));
          const venue = saidIn ?? (VENUE_ACT.test(s.text) ? located.find((p) => p.role === 'location' && inAt(p)) ?? located.find((p) => p.role === 'location') : undefined);
          place = speaker ?? venue ?? (state && capital ? { ...state, place: capital } : undefined);
          // "an Iranian foreign ministry spokesperson stated on Monday": a government's official speaking
          // on a stated day speaks from its capital (inferred, with that basis).
          if (!place && !hereCarried) {
            // The verb and its own day ("stated on Monday", "on Monday asserted"); a bare "released a statement" is not enough.
            const after = at + m[0].length;
            const dated = /^(said|stated|asserted|announced|declared|warned|stressed|emphasi[sz]ed|affirmed|insisted)$/i.test(m[0]) && dates.some((d) => (d.start >= after && d.start - after <= 4) || (d.end <= at && at - d.end <= 4));
            const clauseFrom = Math.max(s.start, at - 90);
            // "The Commander of the Iranian Revolutionary Guard, Hossein Salami,": the title may stand before the name.
            const titleOf = (a: ActorMention) => ({ text: `${a.title ?? ''} ${s.text.slice(Math.max(0, a.start - s.start - 50), a.end - s.start)}`, from: Math.max(s.start, a.start - 50) });
            const countryOf = (a: ActorMention) => a.country ?? places.find((p) => p.place.precision === 'country' && p.start >= titleOf(a).from && p.end <= a.start)?.place.country;
            const official = dated ? [...actors].reverse().find((a) => a.end <= at && a.start >= clauseFrom && countryOf(a) && OFFICIAL.test(titleOf(a).text)) : undefined;
            const seat = official ? capitalOf?.(countryOf(official)!) : undefined;
            if (official && seat) {
              officialSeat = { place: seat, basis: `The text gives no venue; ${official.name} speaks for the government of ${seat.countryName}, which sits in ${seat.name}.` };
            }
          }
          if (!place && !officialSeat) {
            // "I am here today": the speaker is where the trip just reported arrived.
            const here = /\b(?:i am|we are|i'm|we're)\s+here\b/i.test(s.text) ? (recent(lastVisit, 6) ? lastVisit : undefined) : undefined;
            if (!here) continue;
            hereCarried = here;
          }
        } else if (kind === 'visit' && /^(visit|trip)$/i.test(m[0]) && /\b(?:the|this|that)\s+(?:[\p{L}-]+\s+)?$/iu.test(s.text.slice(0, m.index!).slice(-25)) && recent(lastVisit, 4)) {
          // "The visit included …": the trip just reported, wherever the rest of the sentence points.
          hereCarried = lastVisit;
        } else {
          // A bare mention ("a war with Israel") places the happening only right after its trigger.
          const close = located.filter((p) => p.role === 'mention' && p.start >= at && p.start - at < 40);
          // "Egypt hosted a summit": the host is the venue.
          const host = /^(hosted|welcomed|received)/i.test(m[0]) ? places.find((p) => p.end <= at && at - p.end < 15) : undefined;
          // Near the trigger and in its clause: "criticized … in Ukraine and … Prigozhin, who launched a
          // mutiny" does not place the mutiny in Ukraine.
          // A trigger inside a relative clause (", who was transferred … in May,") is placed within it.
          const rel = relativeClause(s, at);
          const near = (p: PlaceMention) => Math.min(Math.abs(p.start - at), Math.abs(p.end - at)) < 150 && !/;|:\s|,\s+(?:who|which)\b/i.test(text.slice(Math.min(p.end, at), Math.max(p.start, at))) && (!rel || (p.start >= rel[0] && p.end <= rel[1]));
          // "rockets were launched from Lebanon", "fired … from near Pyongyang": a launch happens where it leaves.
          const launching = /^(fired|launched|launch)/i.test(m[0]) || /\b(?:launched|fired)\b/i.test(s.text);
          const subjectCountry = kind === 'other' && LAUNCH.test(s.text.slice(m.index!)) ? places.filter((p) => p.place.precision === 'country' && p.end <= at).pop() : undefined;
          const site = launching ? places.find((p) => p.role === 'origin' && near(p)) ?? subjectCountry : undefined;
          // Places after "amid … fears of war in the Middle East" belong to the background clause.
          const sameClause = (p: PlaceMention) => !/\b(amid|amidst|despite|fears?|tensions?|threats?)\b/i.test(text.slice(Math.min(at, p.start), Math.max(at, p.start)));
          // "the announcement that Tbilisi would suspend talks": a government decision is made in its capital.
          const government = kind === 'political' ? places.find((p) => p.role === 'actor' && p.place.precision === 'city' && Math.abs(p.start - at) < 80) : undefined;
          place = host ?? site ?? government ?? nearest(located.filter((p) => p.role === 'location' && near(p) && sameClause(p)), at) ?? nearest(close, at) ?? nearest(fallback.filter(near), at);
        }
        // "struck Yemen’s port city of Hodeidah", "in Japan's northern island of Hokkaido": the most
        // specific place of that country in the sentence.
        if (place && place.place.precision === 'country') {
          const inside = places.find((p) => p !== place && p.place.country === place!.place.country && p.place.precision !== 'country' && (p.role === 'location' || p.role === 'mention') && Math.abs(p.start - at) < 150);
          if (inside) place = inside;
        }
        let placeInferred = false;
        let placeBasis: string | undefined;
        let resolvedPlace = place?.place;
        const dm0 = dates.some((d) => Math.abs(d.start - at) < 80);
        let carriedFromVisit = false;
        if (!resolvedPlace && officialSeat) {
          resolvedPlace = officialSeat.place;
          placeInferred = true;
          placeBasis = officialSeat.basis;
        } else if (!resolvedPlace && hereCarried) {
          resolvedPlace = hereCarried.place;
          placeInferred = true;
          placeBasis = kind === 'statement' ? `The speaker says "here"; the text has just reported the visit to ${hereCarried.text}.` : `The sentence speaks of the trip to ${hereCarried.text} reported just before.`;
        } else if (!resolvedPlace && kind === 'arrest' && dates.length > 0 && stateOfficials(s, at, places, actors, capitalOf)) {
          // "the director of the Russian military’s congress center and a Defense Ministry official
          // were arrested": a state's officials are arrested by its authorities, in its capital.
          const seat = stateOfficials(s, at, places, actors, capitalOf)!;
          resolvedPlace = seat.place;
          placeInferred = true;
          placeBasis = `The text names no place; those arrested are officials of ${seat.place.countryName}, whose government sits in ${seat.place.name}.`;
        } else if (!resolvedPlace && kind === 'political' && dm0 && capitalOf) {
          // "Shoigu was dismissed as defense minister in May": a government's decision is taken in
          // its capital; the country is the one the text ties the person to.
          const person = actors.find((a) => a.kind === 'person' && Math.abs(a.start - at) < 80);
          const rel = relativeClause(s, at);
          const inClause = (p: PlaceMention) => !rel || (p.start >= rel[0] && p.end <= rel[1]);
          const country = person?.country ?? places.find((p) => p.place.precision === 'country' && Math.abs(p.start - at) < 80 && inClause(p))?.place.country;
          const capital = country ? capitalOf(country) : undefined;
          if (!capital) continue;
          resolvedPlace = capital;
          placeInferred = true;
          placeBasis = `The text places no decision; it is one of ${capital.countryName}'s government, which sits in ${capital.name}.`;
        } else if (!resolvedPlace) {
          if (nominal || kind === 'arms-transfer') continue;
          // "visited Palawan, where he met troops": "where" is the place just named, known or not.
          const whereAfter = /(\p{Lu}[\p{L}-]*),\s+where\s+(?:[\p{L}-]+\s+){0,2}$/u.exec(s.text.slice(0, m.index!));
          if (whereAfter && !places.some((p) => p.end === s.start + whereAfter.index + whereAfter[1]!.length)) continue;
          // A meeting with no place is held where the trip just reported arrived.
          const meetingLike = kind === 'meeting' || kind === 'diplomacy';
          const carried = meetingLike && recent(lastVisit, 4) ? lastVisit : recent(lastEvent, meetingLike ? 1 : 3) ? lastEvent : recent(lastPlace, meetingLike ? 1 : 3) ? lastPlace : undefined;
          if (!carried) continue;
          // "In July, Hamas agreed …" after a report dated in August: another time, so not the same place.
          const own = nearest(dates, at, 1);
          // An undated place carries only from the sentence just before.
          if (own && (carried.date ? Math.abs(daysBetween(own.span.start, carried.date.start)) > 7 : s.index - carried.sentence > 1)) continue;
          carriedFromVisit = carried === lastVisit;
          resolvedPlace = carried.place;
          placeInferred = true;
          placeBasis = `The sentence names no place; the preceding text reports it at ${carried.text}.`;
        }

        // Date: the nearest stated date; else the date the article gave a happening at this place;
        // else carried from the sentence before, or from the next one when it speaks of the same trip.
        // The date in the trigger's own clause: "strikes on Friday in retaliation for an attack … last week".
        const clauseBreak = /;|:\s|—|,\s+and\b|\b(?:in retaliation for|in response to|following|amid|which|who)\b/i;
        const inClause = dates.filter((d) => !clauseBreak.test(text.slice(Math.min(d.end, at), Math.max(d.start, at))));
        // "in retaliation for an attack that killed …" with the day only in the main clause: background.
        const subordinate = /\b(?:in retaliation for|in response to|following|after)\b[^,;]*$/i.test(lead);
        if (subordinate && inClause.length === 0 && dates.length > 0) continue;
        // A noun's own date follows it ("the killing of X in Tehran Wednesday"); a date before it
        // belongs to the verb that governs it ("Russia on Friday condemned the killing").
        // With none in its clause, a date before the trigger may still govern it ("On Monday, …, and a
        // blast …"); one in a later clause ("a recent attack …, and the 1983 bombing") dates that clause.
        const pool = inClause.length > 0 ? inClause : dates.filter((d) => d.end <= at);
        const ownAfter = nominal ? pool.filter((d) => d.start > at && d.start - at < 150) : [];
        const dm = nearest(ownAfter.length > 0 ? ownAfter : pool, at, 1);
        let date: DateSpanValue;
        let dateInferred = false;
        let dateBasis: string | undefined;
        if (dm) date = dm.span;
        // "a recent rocket attack": the text says it came earlier than what it reports, and no more;
        // the date of the happening around it is not this one's.
        else if (/\b(?:recent|earlier|previous|prior|past)\s+(?:[\p{L}-]+\s+){0,2}$/iu.test(lead.slice(-40))) continue;
        else {
          const nextS = sentences[s.index + 1];
          const nextDated = nextS ? datesIn(nextS)[0] : undefined;
          const samePlace = datedAt.get(resolvedPlace.id);
          if (samePlace) {
            date = samePlace.date;
            dateBasis = `The sentence gives no date; the text dates what happened at ${resolvedPlace.name} "${samePlace.text}".`;
          } else if (lastDate && recent(lastDate)) {
            date = lastDate.date;
            dateBasis = `The sentence gives no date; the preceding text dates it "${lastDate.text}".`;
          } else if (nextDated && (s.index <= 2 || /^(?:the|that|this|his|her|their)\s+(?:\p{L}+\s+)?(?:visit|trip|meeting|talks|attack|strike)\b/iu.test(nextS!.text))) {
            date = nextDated.span;
            dateBasis = `The sentence gives no date; the next sentence dates it "${nextDated.text}".`;
          } else continue;
          dateInferred = true;
        }
        if (date.start > published) continue;

        let confidence = trig.weight;
        // A date far from its trigger in a long sentence more often dates another clause.
        if (dm && Math.min(Math.abs(dm.start - at), Math.abs(dm.end - at)) > 100) confidence -= 0.25;
        if (dm) confidence += 0.1;
        else confidence -= 0.1;
        if (place && place.role === 'location') confidence += 0.1;
        if (placeInferred) confidence -= carriedFromVisit ? 0.05 : 0.15;
        if (actors.length > 0) confidence += 0.05;
        if (date.precision === 'year') confidence -= 0.1;
        if (nominal) confidence -= 0.05;
        confidence = Math.max(0.05, Math.min(0.99, confidence));

        candidates.push({
          kind,
          quotes: [{ sentence: s.index, start: s.start, end: s.end, text: s.text, ...(dm ? { dateText: dm.text, date: dm.span } : {}), ...(place ? { placeText: place.text } : {}) }],
          date,
          dateInferred,
          ...(dateBasis ? { dateBasis } : {}),
          place: resolvedPlace,
          placeInferred,
          ...(placeBasis ? { placeBasis } : {}),
          actors: doers(actors, s, at, m[0].length, kind, quoted, places),
          confidence,
          triggerAt: at,
          trigger: m[0],
          nominal,
        });
      }
    }
    // One event per place, date and family in a sentence: the most specific kind, then the earliest trigger.
    const groups = new Map<string, ExtractedEvent>();
    for (const c of candidates) {
      // Two trips in one sentence are two when different travellers make them.
      const traveller = c.kind === 'visit' ? `|${c.actors[0]?.name ?? ''}` : '';
      const key = FAMILY[c.kind] && FAMILY[c.kind] !== 'violence' ? `${c.date.start}|${FAMILY[c.kind]}${traveller}` : `${c.place.id}|${c.date.start}|${FAMILY[c.kind] ?? 'other'}`;
      const prev = groups.get(key);
      const verbFirst = (x: ExtractedEvent) => (x.nominal ? 1 : 0);
      const better = !prev || PRIORITY.indexOf(c.kind) < PRIORITY.indexOf(prev.kind) || (c.kind === prev.kind && (verbFirst(c) < verbFirst(prev) || (verbFirst(c) === verbFirst(prev) && c.triggerAt < prev.triggerAt)));
      if (better) groups.set(key, c);
    }
    // A statement or lesser kind at the place and date of a happening in the same sentence is part of it.
    const all = [...groups.values()];
    // A statement that announces or confirms another happening of the sentence is that happening; one
    // that reacts to it ("condemned the killing") is a happening of its own.
    const announces = (e: ExtractedEvent) => /^(said|says|told|stated|announced|declared|confirmed|wrote|posted|tweeted|statement)$/i.test(e.trigger);
    const kept = all.filter((e) => (FAMILY[e.kind] || !all.some((o) => o !== e && FAMILY[o.kind] && o.place.id === e.place.id && o.date.start === e.date.start)) && !(e.kind === 'statement' && announces(e) && all.some((o) => o.kind !== 'statement')));
    out.push(...kept);
    for (const e of kept) {
      if (!e.dateInferred && e.date.precision === 'day' && e.place.precision !== 'country' && !datedAt.has(e.place.id)) datedAt.set(e.place.id, { date: e.date, text: e.quotes[0]!.dateText ?? e.date.start });
    }
    const best = [...kept].sort((a, b) => b.confidence - a.confidence)[0];
    if (best && !best.placeInferred) lastEvent = { place: best.place, sentence: s.index, text: best.quotes[0]!.placeText ?? best.place.name, date: best.date };
    const visit = kept.find((e) => e.kind === 'visit' && !e.placeInferred);
    if (visit) lastVisit = { place: visit.place, sentence: s.index, text: visit.quotes[0]!.placeText ?? visit.place.name, date: visit.date };

    const stated = located.filter((p) => p.role === 'location');
    const lastStated = stated[stated.length - 1] ?? located[located.length - 1];
    if (lastStated) lastPlace = { place: lastStated.place, sentence: s.index, text: lastStated.text };
    // Only a day or week carries to the next sentences: "in 2015" is background for its own sentence.
    const dayDates = dates.filter((d) => d.span.precision === 'day' || d.span.precision === 'week');
    const lastD = dayDates[dayDates.length - 1];
    if (lastD) lastDate = { date: lastD.span, sentence: s.index, text: lastD.text };
  }
  return refineVisits(mergeEvents(out), input.places);
}

interface Carried {
  place: ResolvedPlace;
  sentence: number;
  text: string;
  date?: DateSpanValue;
}

/**
 * "arrived in Egypt today … received at the airport of El Alamein": a visit to a country is placed at
 * the city of that country the next lines name. A happening at sea is placed at the position the text
 * gives nearby ("140 kilometres west of Hodeidah").
 */
function refineVisits(events: ExtractedEvent[], places: readonly PlaceMention[]): ExtractedEvent[] {
  for (const e of events) {
    if (e.place.precision === 'region' && e.place.country === '') {
      const q = e.quotes[0]!;
      const fix = places.find((p) => /-\d+km-/.test(p.place.id) && Math.abs(p.start - q.start) < 800);
      if (fix) e.place = fix.place;
    }
    if (e.kind !== 'visit' || e.place.precision !== 'country') continue;
    const q = e.quotes[0]!;
    const city = places.find((p) => p.start > q.start && p.start < q.end + 400 && p.place.precision === 'city' && p.place.country === e.place.country && (p.role === 'location' || p.role === 'mention'));
    if (city) e.place = city.place;
  }
  return mergeEvents(events);
}

/**
 * Who did it: the subject of the trigger's clause; "by X" after a passive; for a meeting also whom
 * they met ("met with X", "talks with X"). Victims, sources ("according to X") and people quoted
 * or only mentioned are left out. States acting through their capitals count ("Tehran announced").
 */
function doers(actors: readonly ActorMention[], s: Sentence, at: number, len: number, kind: EventKind, quoted: readonly (readonly [number, number])[], places: readonly PlaceMention[]): ActorMention[] {
  const outside = (a: { start: number }) => !quoted.some(([x, y]) => a.start >= x && a.start < y);
  const before = s.text.slice(0, at - s.start);
  const clauseStart = s.start + Math.max(0, ...[...before.matchAll(/[;:]|,\s(?:but|while|whereas|although|after|before|which|who)\b|\b(?:but|while|after|before|because|that|in retaliation for|in response to|following)\b/gi)].map((m) => m.index! + m[0].length));
  const pool = actors.filter((a) => outside(a) && !/according to\s+$/i.test(s.text.slice(Math.max(0, a.start - s.start - 14), a.start - s.start)));
  const states = places.filter((p) => p.role === 'actor' && p.start >= clauseStart && p.end <= at);
  // A state named by a country actor counts only where the place stage read it as acting, not as
  // "Iran’s" or "Iranian".
  const acting = (a: ActorMention) => a.kind !== 'state' || places.some((p) => p.start === a.start && p.role === 'actor');
  // The subject: the nearest actors before the trigger ("Safadi and Kani held talks"), people first;
  // a subject of a passive ("Haniyeh was killed") suffered it.
  const passive = /\b(?:was|were|been|being|is|are)\s+(?:[\p{L}-]+ly\s+)?$/iu.test(before);
  // An actor may be the trigger itself ("crowds gathered").
  const window = pool.filter((a) => a.start < at + len && a.start >= clauseStart && at - a.end < 90 && acting(a));
  const people = window.filter((a) => a.kind === 'person');
  const subject = passive ? [] : people.length > 0 ? people.filter((a) => at - a.end < 90) : window.slice(-1);
  const afterText = s.text.slice(at - s.start + len);
  const byAgent = /^\s*(?:[\p{L}-]+\s+){0,4}?by\s/iu.exec(afterText);
  const agent = byAgent ? pool.filter((a) => a.start >= at + len + byAgent[0].length - 1 && a.start < at + len + byAgent[0].length + 40) : [];
  const partners = kind === 'meeting' || kind === 'diplomacy' ? pool.filter((a) => a.start > at && a.start < at + len + 120 && a.kind === 'person') : [];
  let chosen = [...subject, ...agent, ...partners];
  if (chosen.length === 0 && !passive) chosen = pool.filter((a) => a.kind !== 'group' && acting(a) && a.end <= at).slice(-1);
  const fromStates = states.filter((p) => !chosen.some((a) => a.name === p.place.name)).map((p): ActorMention => ({ text: p.text, start: p.start, end: p.end, name: p.place.countryName || p.place.name, kind: 'state' }));
  return dedupeActors([...chosen, ...fromStates]);
}

function dedupeActors(actors: readonly ActorMention[]): ActorMention[] {
  const seen = new Set<string>();
  return actors.filter((a) => {
    const k = a.actorId ?? a.name.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function overlaps(a: DateSpanValue, b: DateSpanValue): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** One happening reported in several sentences becomes one event with several quotes. */
export function mergeEvents(events: readonly ExtractedEvent[]): ExtractedEvent[] {
  const out: ExtractedEvent[] = [];
  for (const e of events) {
    const sameKind = (a: EventKind, b: EventKind) => a === b || (a === 'killing' && b === 'attack') || (a === 'attack' && b === 'killing');
    // Iran and Tehran for one visit: the country contains the city.
    const samePlace = (a: ResolvedPlace, b: ResolvedPlace) => a.id === b.id || (a.country !== '' && a.country === b.country && (a.precision === 'country' || b.precision === 'country'));
    // Two statements are one only on the same day: a spokesman on Wednesday and the ministry on Friday differ.
    const sameDate = (a: ExtractedEvent) => (e.kind === 'statement' ? a.date.start === e.date.start && a.date.end === e.date.end : overlaps(a.date, e.date));
    // Two speakers on one day are two statements; a statement naming no speaker joins the one it follows.
    const sameSpeaker = (a: ExtractedEvent) => e.kind !== 'statement' || a.actors.length === 0 || e.actors.length === 0 || a.actors.some((x) => e.actors.some((y) => (x.actorId ?? x.name) === (y.actorId ?? y.name)));
    const same = out.find((o) => sameKind(o.kind, e.kind) && samePlace(o.place, e.place) && sameDate(o) && sameSpeaker(o));
    if (same && same.place.precision === 'country' && e.place.precision !== 'country') {
      same.place = e.place;
      same.placeInferred = e.placeInferred;
    }
    if (same && e.kind === 'killing') same.kind = 'killing';
    if (!same) {
      out.push({ ...e, quotes: [...e.quotes] });
      continue;
    }
    for (const q of e.quotes) if (!same.quotes.some((x) => x.start === q.start)) same.quotes.push(q);
    // The stated and more precise reading wins.
    if ((same.dateInferred && !e.dateInferred) || (!e.dateInferred && rank(e.date.precision) < rank(same.date.precision))) {
      same.date = e.date;
      same.dateInferred = e.dateInferred;
      if (e.dateBasis) same.dateBasis = e.dateBasis;
      else delete same.dateBasis;
    }
    if (same.placeInferred && !e.placeInferred) {
      same.placeInferred = false;
      delete same.placeBasis;
    }
    same.actors = dedupeActors([...same.actors, ...e.actors]);
    same.confidence = Math.min(0.99, Math.max(same.confidence, e.confidence) + 0.05);
  }
  return out;
}

function rank(p: DateSpanValue['precision']): number {
  return ['day', 'week', 'month', 'year'].indexOf(p);
}
