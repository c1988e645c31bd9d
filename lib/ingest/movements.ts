// Stage 5: movements, only where the text uses travel wording (arrived in, landed in, visited, a visit
// to, flew to, crossed into, on his way to, ordered into, transfer to). The origin is the one the text
// states ("from Moscow"); otherwise the actor's base (the actors table, an organisation's seat, or the
// capital of the country the text ties the actor to), always flagged inferred with its basis.
import type { Actor } from '../types';
import type { ActorMention } from './actors';
import type { DateSpanValue } from './dates';
import { foldName, type GazPlace, type Gazetteer } from './gazetteer';
import { resolved, type ResolvedPlace } from './places';
import type { Sentence } from './sentences';
import type { ArticleMentions } from './events';
import { SpanIndex } from './spans';
import { IRREALIS } from './triggers';

export type MovementKindOut = 'travel' | 'arms' | 'attack';

export interface ExtractedMovement {
  kind: MovementKindOut;
  actor: ActorMention | { name: string; kind: 'group'; text: string; start: number; end: number };
  origin: ResolvedPlace;
  originInferred: boolean;
  originBasis?: string;
  destination: ResolvedPlace;
  date: DateSpanValue;
  dateInferred: boolean;
  dateBasis?: string;
  quote: { sentence: number; start: number; end: number; text: string; dateText?: string; date?: DateSpanValue; placeText?: string };
  confidence: number;
}

export interface MovementInput extends ArticleMentions {
  gazetteer: Gazetteer;
  /** the actors table with their bases (place ids resolved by name) */
  table: readonly Actor[];
  /** base place names of the table (place id → gazetteer place) */
  tableBase?: (actor: Actor) => GazPlace | undefined;
}

// Travel wording, with the slot where the destination sits (right after the match).
const TRAVEL = /\b(arrived (?:in|at)|arrives (?:in|at)|arriving (?:in|at)|arrival (?:in|at)|landed (?:in|at)|lands (?:in|at)|visited|visiting|visits|(?:a|his|her|their|the|first|rare|official|state) (?:\w+ )?(?:visit|trip) to|travell?ed to|flew to|flown to|crossed into|on (?:his|her|their) way to|delegations? (?:is |was |are |were )?in|headed to|heading to|headed for|left for|departed for|fled to|flew into|bringing (?:[\p{L}-]+ ){1,4}to)\b/giu;
const DEPLOY = /\b(ordered|sent|dispatched|deployed)\b[^.]{0,80}?\b(?:to|into)\b/gi;
const ARMS = /\b(transfer(?:red|ring)?|deliver(?:ed|ing|y)?|suppl(?:ied|ying|y)|ship(?:ped|ping)?)\b[^.]{0,100}?\bto\b/gi;

export function findMovements(input: MovementInput): ExtractedMovement[] {
  const out: ExtractedMovement[] = [];
  const { sentences, gazetteer: gaz } = input;
  const dateIndex = new SpanIndex(input.dates);
  const placeIndex = new SpanIndex(input.places);
  const actorIndex = new SpanIndex(input.actors);
  const within = <T extends { start: number; end: number }>(index: SpanIndex<T>, s: Sentence) => index.within(s.start, s.end);
  let lastPerson: ActorMention | undefined;
  let lastDate: { date: DateSpanValue; sentence: number; text: string } | undefined;
  const armsFlow = (s: Sentence, index: number, matched: string, counterpart: string, form: 'with' | 'from', what: string) => {
    const at = s.start + index;
    const clause = s.text.slice(0, index).split(/[;:]|,\s(?:but|while)\b/).pop() ?? '';
    if (IRREALIS.test(clause.slice(-50)) || !WEAPONS.test(what)) return;
    const places = within(placeIndex, s);
    const counterpartAt = at + matched.indexOf(counterpart);
    const named = places.find((p) => p.start === counterpartAt && p.place.precision === 'country');
    const subject = [...places].reverse().find((p) => p.end <= at && p.place.precision === 'country' && p.place.id !== named?.place.id);
    if (!named || !subject) return;
    const [origin, destination] = form === 'with' ? [subject.place, named.place] : [named.place, subject.place];
    const dates = within(dateIndex, s).filter((d) => !d.future);
    const dm = dates.sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
    const y = input.published.slice(0, 4);
    const date: DateSpanValue = dm ? dm.span : { start: `${y}-01-01`, end: input.published, precision: 'year' };
    out.push({
      kind: 'arms',
      actor: { name: what.trim(), kind: 'group', text: what.trim(), start: at, end: at + matched.length },
      origin,
      originInferred: false,
      destination,
      date,
      dateInferred: !dm,
      ...(dm ? {} : { dateBasis: `The text dates the transfer no closer than "under way" when it was published (${input.published}).` }),
      quote: { sentence: s.index, start: s.start, end: s.end, text: s.text, ...(dm ? { dateText: dm.text, date: dm.span } : {}), placeText: named.text },
      confidence: dm ? 0.7 : 0.5,
    });
  };
  for (const s of sentences) {
    const places = within(placeIndex, s);
    const dates = within(dateIndex, s).filter((d) => !d.future);
    const actors = within(actorIndex, s);
    const scan = (re: RegExp, kind: MovementKindOut) => {
      re.lastIndex = 0;
      for (const m of s.text.matchAll(re)) {
        const at = s.start + m.index!;
        const after = at + m[0].length;
        const clause = s.text.slice(0, m.index!).split(/[;:]|,\s(?:but|while)\b/).pop() ?? '';
        if (IRREALIS.test(clause.slice(-50))) continue;
        // Destination: the first place after the travel words ("arrived in Cairo"), or for "arrival"
        // and "visited" without a preposition, the nearest place around.
        const dest = places.find((p) => p.start >= after - 1 && p.start - after < 40 && (p.role === 'location' || p.role === 'mention'));
        if (!dest) continue;
        let destination = dest.place;
        // "arrived in Egypt … at the airport of El Alamein": a city of that country in the next lines.
        if (destination.precision === 'country') {
          const city = input.places.find((p) => p.start > dest!.end && p.start < s.end + 400 && p.place.precision === 'city' && p.place.country === destination.country && (p.role === 'location' || p.role === 'mention'));
          if (city) destination = city.place;
        }
        // Actor: the subject before the travel words, or the person last named.
        // The traveller: "A Hamas delegation" travels as the organisation's delegation; otherwise the
        // nearest person before the travel words, then an organisation, then a group label.
        const before = actors.filter((a) => a.end <= at);
        const delegation = /\b(\p{Lu}[\p{L}-]+)\s+delegation\b/u.exec(s.text.slice(0, m.index!));
        const delegationOrg = delegation ? before.find((a) => a.text === delegation[1]) : undefined;
        const pronounSubject = /\b(?:he|she)\s+(?:\p{L}+\s+){0,2}$/iu.test(s.text.slice(0, m.index!)) || /^\s*(?:he|she|his|her)\b/i.test(s.text);
        // "the assassination of Haniyeh during his visit to Tehran": "his" is the person just named.
        const possessor = /\b(?:his|her)\s+(?:[\p{L}-]+\s+)?$/iu.test(s.text.slice(0, m.index!) + (/^(?:his|her)\b/i.test(m[0]) ? m[0].split(' ')[0] + ' ' : '')) ? [...before].reverse().find((a) => a.kind === 'person') : undefined;
        // "a Russian defense delegation in Tehran": the delegation is the traveller.
        const selfGroup = /^delegation/i.test(m[0]) ? actors.find((a) => a.kind === 'group' && a.start <= at && a.end >= at + 'delegation'.length) : undefined;
        const subject =
          selfGroup ??
          (delegationOrg ? { ...delegationOrg, name: `${delegationOrg.name} delegation` } : undefined) ??
          possessor ??
          (pronounSubject && lastPerson && !before.some((a) => a.kind === 'person') ? lastPerson : undefined) ??
          [...before].reverse().find((a) => a.kind === 'person') ??
          [...before].reverse().find((a) => a.kind === 'organisation' || a.kind === 'state') ??
          [...before].reverse().find((a) => a.kind === 'group');
        let actor: ExtractedMovement['actor'] | undefined = subject;
        // "ordered a guided-missile submarine to the Middle East": what was ordered moves, not who ordered.
        if (re === DEPLOY) {
          const what = /\b(?:ordered|sent|dispatched|deployed)\s+(.{3,60}?)\s+(?:to|into)\b/i.exec(m[0]);
          if (!what) continue;
          actor = { name: what[1]!, kind: 'group', text: what[1]!, start: at, end: after };
        }
        if (kind === 'arms') {
          const what = /\b(?:transfer(?:red|ring)?|deliver(?:ed|ing|y)?|suppl(?:ied|ying|y)|ship(?:ped|ping)?)\s+(?:of\s+)?(.{3,80}?)\s+to\b/i.exec(m[0]);
          actor = { name: what?.[1] ?? 'weapons', kind: 'group', text: what?.[1] ?? m[0], start: at, end: after };
        }
        if (!actor && /^\s*(?:he|she)\b/i.test(s.text) && lastPerson) actor = lastPerson;
        if (!actor && lastPerson && /\b(his|her)\b/i.test(m[0] + s.text.slice(0, m.index!))) actor = lastPerson;
        if (!actor) continue;

        const dm = [...dates].sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
        let date: DateSpanValue;
        let dateInferred = false;
        let dateBasis: string | undefined;
        if (dm) date = dm.span;
        else if (nextRefersBack(sentences[s.index + 1]) && within(dateIndex, sentences[s.index + 1]!).some((d) => !d.future)) {
          const d = within(dateIndex, sentences[s.index + 1]!).find((x) => !x.future)!;
          date = d.span;
          dateInferred = true;
          dateBasis = `The sentence gives no date; the next sentence, about the same trip, dates it "${d.text}".`;
        } else if (lastDate && s.index - lastDate.sentence <= 2) {
          date = lastDate.date;
          dateInferred = true;
          dateBasis = `The sentence gives no date; the preceding text dates it "${lastDate.text}".`;
        } else if (kind === 'arms') {
          // A transfer reported as under way ("had begun to transfer") is dated to the publication year.
          const y = input.published.slice(0, 4);
          date = { start: `${y}-01-01`, end: input.published, precision: 'year' };
          dateInferred = true;
          dateBasis = `The text dates the transfer no closer than "under way" when it was published (${input.published}).`;
        } else continue;

        // Origin: stated ("from Moscow"), else the actor's base.
        const fromPlace = places.find((p) => p.role === 'origin' && p.place.id !== destination.id);
        let origin: ResolvedPlace | undefined;
        let originInferred = false;
        let originBasis: string | undefined;
        // A later leg of a trip the text already reported starts where the earlier one arrived.
        const earlier = [...out].reverse().find((x) => x.actor.name === actor!.name && x.destination.id !== destination.id && x.date.start <= date.start);
        if (fromPlace) origin = fromPlace.place;
        else if (earlier) {
          origin = earlier.destination;
          originInferred = true;
          originBasis = `The text names no origin; it reports ${actor.name} at ${earlier.destination.name} before this.`;
        } else {
          const sourceCountry = kind === 'arms' ? [...places].reverse().find((p) => p.role === 'actor' && p.end <= at && p.place.id !== destination.id) : undefined;
          const base = sourceCountry ? { place: gaz.country(sourceCountry.place.country)?.place, basis: `${sourceCountry.text} is the sender` } : baseOf(actor, input);
          if (base?.place) {
            origin = resolved(base.place, gaz);
            originInferred = true;
            originBasis = `The text names no origin; ${base.basis}.`;
          }
        }
        if (!origin || origin.id === destination.id) continue;
        out.push({
          kind,
          actor,
          origin,
          originInferred,
          ...(originBasis ? { originBasis } : {}),
          destination,
          date,
          dateInferred,
          ...(dateBasis ? { dateBasis } : {}),
          quote: { sentence: s.index, start: s.start, end: s.end, text: s.text, ...(dm ? { dateText: dm.text, date: dm.span } : {}), placeText: dest.text },
          confidence: (dm ? 0.8 : 0.6) - (originInferred ? 0.05 : 0) - (actor.kind === 'group' ? 0.1 : 0),
        });
      }
    };
    scan(TRAVEL, 'travel');
    scan(DEPLOY, 'travel');
    scan(ARMS, 'arms');
    // "Iran had supplied Russia with ballistic missiles"; "Russia … received attack drones from Iran".
    for (const m of s.text.matchAll(SUPPLIED_WITH)) armsFlow(s, m.index!, m[0], m[2]!, 'with', m[3]!);
    for (const m of s.text.matchAll(RECEIVED_FROM)) armsFlow(s, m.index!, m[0], m[3]!, 'from', m[2]!);
    const persons = actors.filter((a) => a.kind === 'person');
    if (persons.length > 0) lastPerson = persons[0];
    const dd = dates[dates.length - 1];
    if (dd) lastDate = { date: dd.span, sentence: s.index, text: dd.text };
  }
  // One trip reported twice is one movement.
  const merged: ExtractedMovement[] = [];
  for (const m of out) {
    const same = merged.find((x) => x.actor.name === m.actor.name && x.destination.id === m.destination.id && x.date.start <= m.date.end && m.date.start <= x.date.end);
    if (!same) merged.push(m);
    else if ((same.dateInferred && !m.dateInferred) || (same.originBasis?.includes('base') !== false && m.originBasis?.includes('before this'))) Object.assign(same, m);
  }
  return merged;
}

const SUPPLIED_WITH = /\b(supplied|provided|furnished|armed|equipped)\s+(\p{Lu}[\p{L}]+(?:\s\p{Lu}[\p{L}]+)?)\s+with\s+([^.;]{3,100}?)(?=[.;,]|\s(?:and|to|for|in)\s|$)/gu;
const RECEIVED_FROM = /\b(received|receiving|obtained|acquired|bought|purchased|imported)\s+([^.;]{3,100}?)\s+from\s+(\p{Lu}[\p{L}]+(?:\s\p{Lu}[\p{L}]+)?)/gu;
const WEAPONS = /\b(weapons|arms|missiles?|drones?|rockets?|equipment|ammunition|munitions|shells|air defen[cs]e|radars?|systems|tanks|jets|aircraft|artillery)\b/i;

/** "The visit included …", "The trip was …": the next sentence speaks of the same journey. */
function nextRefersBack(s: Sentence | undefined): boolean {
  return s !== undefined && /^(?:the|that|this|his|her|their)\s+(?:\p{L}+\s+)?(?:visit|trip|journey|tour)\b/iu.test(s.text);
}

/** Where an actor sets out from when the text does not say: the table's base, an organisation's seat, or the capital of the actor's country. */
function baseOf(actor: ExtractedMovement['actor'], input: MovementInput): { place: GazPlace | undefined; basis: string } | undefined {
  const gaz = input.gazetteer;
  if ('actorId' in actor && actor.actorId) {
    const a = input.table.find((x) => x.id === actor.actorId);
    const p = a && input.tableBase?.(a);
    if (a && p) return { place: p, basis: a.baseBasis ?? `${p.name} is ${a.name}'s base` };
  }
  for (const key of [foldName(actor.name), foldName(actor.text)]) {
    const org = gaz.orgBase(key);
    if (org) return { place: org.place, basis: org.basis };
  }
  // "A Hamas delegation": the organisation named in the subject.
  const words = actor.text.split(/\s+/);
  for (const w of words) {
    const org = gaz.orgBase(foldName(w));
    if (org) return { place: org.place, basis: org.basis };
  }
  const country = 'country' in actor ? actor.country : undefined;
  if (country) {
    const info = gaz.country(country);
    if (info?.capital) return { place: info.capital, basis: `${info.capital.name} is the capital of ${info.name}, the country the text ties ${actor.name} to` };
  }
  return undefined;
}
