// Stage 3: who acts. People are found by title ("Gen.", "Foreign Minister"), by a first name compromise's
// lexicon knows, or by the project's actors table; later mentions by surname alone ("Shoigu") are
// re-matched to the full name. Organisations come from a lexicon of known bodies and from names ending
// in an institutional noun ("Security Council", "Defense Ministry").
import nlp from 'compromise';
import type { Actor } from '../types';
import { foldName, type Gazetteer } from './gazetteer';
import { ORG_BASES } from './places-data';
import { joinable, tokenize, type Token } from './tokens';

export type ActorKind = 'person' | 'organisation' | 'group' | 'state';

export interface ActorMention {
  text: string;
  start: number;
  end: number;
  /** the fullest name the article gives this actor */
  name: string;
  kind: ActorKind;
  /** id in the actors table, when the actor is known */
  actorId?: string;
  /** the country the text ties the actor to ("Iranian President", "Jordan's Foreign Minister") */
  country?: string;
  /** the title the text gives ("Foreign Minister") */
  title?: string;
  /** found by surname or pronoun after a full mention */
  rematch?: boolean;
}

// Titles that may stand before a name; multiword ones are matched token by token.
const TITLE_WORDS = new Set(
  [
    'president', 'vice', 'prime', 'minister', 'foreign', 'defense', 'defence', 'interior', 'finance', 'secretary', 'state', 'general', 'gen.', 'gen', 'lt.', 'lt', 'lieutenant', 'col.', 'colonel',
    'maj.', 'major', 'brig.', 'brigadier', 'adm.', 'admiral', 'rear', 'commander', 'chief', 'king', 'queen', 'prince', 'crown', 'sheikh', 'emir', 'ayatollah', 'supreme', 'leader', 'speaker',
    'senator', 'sen.', 'rep.', 'representative', 'mr.', 'mrs.', 'ms.', 'dr.', 'ambassador', 'envoy', 'spokesman', 'spokeswoman', 'spokesperson', 'acting', 'deputy', 'chancellor', 'pope',
    'his', 'majesty', 'highness', 'security', 'council', 'national', 'navy', 'army', 'staff', 'of', 'the', 'house', 'sultan', 'governor', 'mayor', 'judge', 'justice', 'capt.', 'captain',
    'sgt.', 'sergeant', 'field', 'marshal', 'premier', 'opposition', 'official', 'senior', 'political', 'military', 'top', 'former', 'new', 'late', 'slain', 'chairman', 'head',
  ],
);
// The head words that make a title (a run of TITLE_WORDS must contain one).
const TITLE_HEADS = /^(president|minister|secretary|general|gen\.?|colonel|col\.|major|maj\.|brigadier|brig\.|admiral|adm\.|commander|chief|king|queen|prince|sheikh|emir|ayatollah|leader|speaker|senator|sen\.|rep\.|representative|mr\.|mrs\.|ms\.|dr\.|ambassador|envoy|spokesman|spokeswoman|spokesperson|chancellor|pope|sultan|governor|mayor|captain|capt\.|sergeant|sgt\.|marshal|premier|official|chairman|head|majesty)$/i;

const NAME_PARTICLES = new Set(['al', 'al-', 'el', 'bin', 'ibn', 'bint', 'abu', 'de', 'da', 'van', 'von', 'der', 'la', 'le', 'du']);
const ORG_HEADS = /^(ministry|council|forces|army|guard|guards|corps|party|agency|committee|organization|organisation|union|command|department|office|parliament|court|navy|military|government|cabinet|brigades|movement|front|police|assembly|congress|senate|bureau|service|services|authority|commission|mission|administration|coalition|alliance|group)$/i;
const NOT_NAME = new Set(['the', 'a', 'an', 'in', 'on', 'at', 'and', 'but', 'he', 'she', 'it', 'they', 'we', 'i', 'this', 'that', 'after', 'before', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
// Descriptive group labels that act when nothing better is named ("crowds gathered", "gunmen opened fire").
const GROUP_RE = /\b(?:riot police|police|security forces|crowds?|protesters|protestors|demonstrators|gunmen|militants|troops|soldiers|rebels|fighters|presidential guard|mutinous soldiers|the military|the army)\b/gi;

type Lexicon = Record<string, string | string[]>;
let lexicon: Lexicon | undefined;
function lex(): Lexicon {
  lexicon ??= (nlp as unknown as { model(): { one: { lexicon: Lexicon } } }).model().one.lexicon;
  return lexicon;
}

export function lexTags(word: string): string[] {
  const t = lex()[word.toLowerCase()];
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

function isFirstName(word: string): boolean {
  return lexTags(word).some((t) => t === 'MaleName' || t === 'FemaleName' || t === 'FirstName' || t === 'Person');
}

function isNameToken(t: Token | undefined): boolean {
  if (!t) return false;
  if (NOT_NAME.has(t.text.toLowerCase())) return false;
  return t.cap || NAME_PARTICLES.has(t.text.toLowerCase()) || /^(?:al|el|bin)-\p{Lu}/u.test(t.text);
}

export interface ActorContext {
  actors: readonly Actor[];
  gazetteer: Gazetteer;
}

/** People, organisations and group labels in `text`, in text order, with surname re-matches. */
export function findActors(text: string, ctx: ActorContext, tokens: Token[] = tokenize(text)): ActorMention[] {
  const out: ActorMention[] = [];
  const taken = new Set<number>();
  const gaz = ctx.gazetteer;
  const byFullName = new Map(ctx.actors.map((a) => [foldName(a.name), a]));
  const isPlace = (s: string) => gaz.lookup(foldName(s)).length > 0;

  const claim = (m: ActorMention, from: number, to: number) => {
    for (let k = from; k < to; k++) taken.add(k);
    out.push(m);
  };

  for (let i = 0; i < tokens.length; i++) {
    if (taken.has(i)) continue;
    // A title run: "Iranian President", "Jordan's Foreign Minister", "US Defense Secretary".
    let j = i;
    let hasHead = false;
    while (j < tokens.length && TITLE_WORDS.has(tokens[j]!.text.toLowerCase()) && (j === i || joinable(tokens[j]!.gap))) {
      if (TITLE_HEADS.test(tokens[j]!.text)) hasHead = true;
      j++;
    }
    let nameStart = j;
    // A title must run straight into its name ("the mayor. Varga" is two sentences).
    if (hasHead && j < tokens.length && !joinable(tokens[j]!.gap)) hasHead = false;
    if (!hasHead) nameStart = i;
    // The name: capitalised tokens joined by spaces (particles allowed inside).
    let k = nameStart;
    while (k < tokens.length && isNameToken(tokens[k]) && (k === nameStart || joinable(tokens[k]!.gap)) && k - nameStart < 5) {
      if (k > nameStart && TITLE_WORDS.has(tokens[k]!.text.toLowerCase()) && TITLE_HEADS.test(tokens[k]!.text)) break;
      k++;
    }
    while (k > nameStart && NAME_PARTICLES.has(tokens[k - 1]!.text.toLowerCase())) k--;
    if (k <= nameStart || !tokens[nameStart]!.cap) continue;
    const nameText = text.slice(tokens[nameStart]!.start, tokens[k - 1]!.end);
    const words = nameText.split(/\s+/);
    const known = byFullName.get(foldName(nameText));
    const titled = hasHead && nameStart > i;
    const firstNamed = words.length >= 2 && isFirstName(words[0]!);
    if (known || ((titled || firstNamed) && !isPlace(nameText) && !ORG_HEADS.test(words[words.length - 1]!))) {
      if (!known && words.length === 1 && !titled) continue;
      if (!known && words.length === 1 && gaz.orgBase(foldName(nameText))) continue;
      // "near Sabina Shoal", "in Santa Clara": after a locative word, an untitled name is a place.
      if (!known && !titled && i > 0 && /^(near|in|at|to|from|into|off|outside)$/i.test(tokens[i - 1]!.text)) continue;
      // "Minister of Foreign Affairs": a single common noun after a title is part of the title.
      if (!known && words.length === 1 && (lexTags(words[0]!).some((t) => /Noun|Singular|Plural|Adjective|Uncountable/.test(t)) || /^(Affairs|Expatriates|Staff|Defense|Defence|State|Council)$/.test(words[0]!))) continue;
      const titleText = titled ? text.slice(tokens[i]!.start, tokens[nameStart - 1]!.end) : undefined;
      // What the text says first; else the table's affiliation ("Russia (Wagner)"), general knowledge.
      const country = countryBefore(tokens, i, gaz) ?? (titleText ? countryInTitle(titleText, gaz) : undefined) ?? (known ? countryInTitle(known.affiliation, gaz) : undefined);
      const m: ActorMention = {
        text: nameText,
        start: tokens[nameStart]!.start,
        end: tokens[k - 1]!.end,
        name: known?.name ?? nameText,
        kind: known && known.role === 'State' ? 'state' : known && (!known.name.includes(' ') || ORG_HEADS.test(words[words.length - 1]!)) ? 'organisation' : 'person',
        ...(known ? { actorId: known.id } : {}),
        ...(country ? { country } : {}),
        ...(titleText ? { title: titleText } : {}),
      };
      claim(m, i, k);
      i = k - 1;
    }
  }

  // Organisations: known bodies, and capitalised runs ending in an institutional noun.
  const orgNames = ORG_BASES.flatMap((o) => o.names);
  // Bodies in the actors table (a one-word name or an institutional one); people are found above.
  for (const a of ctx.actors) if (a.role !== 'State' && (!a.name.includes(' ') || /\b(Organi[sz]ation|Council|Ministry|Forces|Corps|Command|Party|Union|Agency|Group|Movement|Front|Cooperation)\b/.test(a.name))) orgNames.push(a.name);
  for (const name of new Set(orgNames)) {
    const re = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      if (out.some((o) => start < o.end && o.start < start + name.length)) continue;
      const known = byFullName.get(foldName(name));
      out.push({ text: m[0], start, end: start + m[0].length, name, kind: 'organisation', ...(known ? { actorId: known.id } : {}) });
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    if (!ORG_HEADS.test(tokens[i]!.text) || !tokens[i]!.cap) continue;
    let s = i;
    while (s > 0 && joinable(tokens[s]!.gap) && (tokens[s - 1]!.cap || /^(of|for|and)$/.test(tokens[s - 1]!.text)) && i - s < 6) s--;
    while (s < i && !tokens[s]!.cap) s++;
    if (s === i && !/^(Pentagon|Kremlin)$/.test(tokens[i]!.text)) {
      // A lone head noun ("Council") is a name only with a country before it ("Russian Security Council").
      continue;
    }
    const start = tokens[s]!.start;
    const end = tokens[i]!.end;
    if (out.some((o) => start < o.end && o.start < end)) continue;
    const nameText = text.slice(start, end);
    const country = countryBefore(tokens, s + 1, gaz) ?? countryInTitle(nameText, gaz);
    out.push({ text: nameText, start, end, name: nameText, kind: 'organisation', ...(country ? { country } : {}) });
  }

  // Surname re-matches: "Sergei Shoigu" … "Shoigu"; "Abdel Fattah Al-Burhan" … "Burhan".
  const people = out.filter((m) => m.kind === 'person' && m.name.includes(' '));
  const surnames = new Map<string, ActorMention>();
  for (const p of people) {
    const parts = p.name.split(/\s+/);
    const last = parts[parts.length - 1]!;
    // The first full mention: a surname before it names someone else.
    if (!surnames.has(foldName(last))) surnames.set(foldName(last), p);
    const bare = /^(?:al|el)-(.+)$/i.exec(last);
    if (bare && !surnames.has(foldName(bare[1]!))) surnames.set(foldName(bare[1]!), p);
  }
  // Whatever one full mention says of the person (country, title) holds for all of them.
  for (const [k, p] of surnames) {
    const richer = people.find((q) => q.name === p.name && q.country);
    if (richer && !p.country) surnames.set(k, { ...p, country: richer.country!, ...(richer.title ? { title: richer.title } : {}) });
  }
  // People of the actors table are known by surname even before (or without) their full name.
  const tableSurnames = new Map<string, Actor>();
  for (const a of ctx.actors) {
    const parts = a.name.split(/\s+/);
    const last = parts[parts.length - 1]!;
    const body = /\b(Organi[sz]ation|Council|Ministry|Forces|Corps|Command|Party|Union|Agency|Group|Movement|Front|Cooperation)\b/.test(a.name);
    if (a.role !== 'State' && !body && parts.length > 1 && last.length >= 5) tableSurnames.set(foldName(last), a);
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.cap) continue;
    const a = tableSurnames.get(foldName(t.text));
    if (!a || surnames.has(foldName(t.text)) || out.some((o) => t.start < o.end && o.start < t.end)) continue;
    out.push({ text: t.text, start: t.start, end: t.end, name: a.name, kind: 'person', actorId: a.id, rematch: true });
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.cap) continue;
    const surname = surnames.get(foldName(t.text.replace(/[’']s$/, '')));
    if (!surname || t.start < surname.start) continue;
    if (out.some((o) => t.start < o.end && o.start < t.end)) continue;
    const clean = t.text.replace(/[’']s$/, '');
    out.push({ text: clean, start: t.start, end: t.start + clean.length, name: surname.name, kind: 'person', rematch: true, ...(surname.actorId ? { actorId: surname.actorId } : {}), ...(surname.country ? { country: surname.country } : {}), ...(surname.title ? { title: surname.title } : {}) });
  }

  // "Israeli fighter jets", "Chinese warplanes", "Japanese authorities": a national force or body.
  for (const m of text.matchAll(/\b(\p{Lu}[\p{L}-]+)\s+(?:(?:fighter|fight|war|navy|air)\s+)?(military|army|forces|troops|jets|warplanes|aircraft|authorities|police|officials|navy|soldiers|fighters|team|teams|drones|warships|coast guard)\b/gu)) {
    if (!gaz.demonym(m[1]!)) continue;
    const start = m.index!;
    const end = start + m[0].length;
    if (out.some((o) => start < o.end && o.start < end)) continue;
    out.push({ text: m[0], start, end, name: m[0], kind: 'group', country: gaz.demonym(m[1]!)! });
  }
  // "a Russian defense delegation", "a US delegation": a state's delegation travels for it; "an
  // Iranian foreign ministry spokesperson" speaks for it.
  for (const m of text.matchAll(/\b(\p{Lu}[\p{L}.-]+)\s+(?:[\p{Ll}-]+\s+){0,2}(?:delegations?|spokes(?:person|man|woman))\b/gu)) {
    const country = gaz.demonym(m[1]!) ?? gaz.lookup(foldName(m[1]!)).find((p) => p.kind === 'country')?.country;
    if (!country) continue;
    const start = m.index!;
    const end = start + m[0].length;
    if (out.some((o) => start < o.end && o.start < end)) continue;
    out.push({ text: m[0], start, end, name: m[0], kind: 'group', country });
  }
  for (const m of text.matchAll(GROUP_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (out.some((o) => start < o.end && o.start < end)) continue;
    out.push({ text: m[0], start, end, name: m[0], kind: 'group' });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** "Iranian President", "Jordan's Foreign Minister", "Russia’s Security Council secretary": the country. */
function countryBefore(tokens: Token[], i: number, gaz: Gazetteer): string | undefined {
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    const t = tokens[k]!;
    if (!t.cap) continue;
    const word = t.text.replace(/[’']s$/, '');
    const dem = gaz.demonym(word);
    if (dem) return dem;
    const c = gaz.lookup(foldName(word)).find((p) => p.kind === 'country');
    if (c && (t.text !== word || k === i - 1)) return c.country;
  }
  return undefined;
}

function countryInTitle(title: string, gaz: Gazetteer): string | undefined {
  for (const w of title.split(/\s+/)) {
    const word = w.replace(/[’']s$/, '');
    const dem = gaz.demonym(word);
    if (dem) return dem;
    const c = gaz.lookup(foldName(word)).find((p) => p.kind === 'country');
    if (c) return c.country;
  }
  return undefined;
}
