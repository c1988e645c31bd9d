// Articles written for the reliability tests and the bench's ingest load (never copied from a corpus):
// happening i is a raid on PLACES[i % n] on its own date, four days after the last, so no two happenings
// merge (the dates go round every DATE_CYCLE happenings, to stay in the past, at another place each
// time: PLACES.length and DATE_CYCLE share no factor, so a place and date come back only after 1,716); report v of it words the same raid another way, so the reports of one happening always merge
// into one event however they are ordered, and no two reports are near-copies of each other.

/** Far enough apart (and dated apart) that the merge rules never join two happenings. */
export const PLACES = ['Jenin', 'Kharkiv', 'Mosul', 'Aleppo', 'Tangier', 'Malatya', 'Nablus', 'Odesa', 'Homs', 'Kirkuk', 'Tabriz', 'Benghazi'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const FIRST = Date.parse('2025-01-06T00:00:00Z');
const DAY = 86_400_000;
/** 143 × 4 days from FIRST ends in July 2026: every date is in the past, as the API requires. */
const DATE_CYCLE = 143;
const iso = (t) => new Date(t).toISOString().slice(0, 10);

const WORDINGS = [
  (p, d) => `On ${d}, troops raided the town of ${p}, officials said. Soldiers searched several houses and the raid lasted for most of the morning, according to the regional administration.`,
  (p, d) => `Troops carried out a raid in ${p} on ${d}, local residents said. Witnesses described armoured vehicles in the streets and said that the soldiers withdrew before noon.`,
  (p, d) => `Troops raided ${p} again on ${d} and searched homes for several hours, a member of the town council said. Shops stayed closed during the operation and the army gave no reason for it.`,
  (p, d) => `A raid by troops on ${p} took place on ${d}, a spokesman for the town council said. He added that the council would ask the provincial governor for an explanation of the operation.`,
];
export const REPORTS_PER_HAPPENING = WORDINGS.length;

/**
 * Report `variant` (0..REPORTS_PER_HAPPENING-1) of happening `i`: {title, published, outlet, text}, with
 * `happening` for the test's own bookkeeping (the API refuses unknown fields, so strip it before posting).
 */
export function testArticle(i, variant = 0) {
  const when = FIRST + (i % DATE_CYCLE) * 4 * DAY;
  const place = PLACES[i % PLACES.length];
  // Past the place list the same towns come round again, at other dates: the text names the round.
  const round = Math.floor(i / PLACES.length);
  const weekday = WEEKDAYS[new Date(when).getUTCDay()];
  const text = WORDINGS[variant % WORDINGS.length](place, weekday) + (round ? ` It was the ${ordinal(round + 1)} such operation reported in the area this year.` : '');
  return {
    happening: i,
    article: { title: `Raid in ${place} (${iso(when)}, report ${variant + 1})`, published: iso(when + DAY), outlet: `Test Wire ${variant + 1}`, text },
  };
}

function ordinal(n) {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

/** `n` articles: happenings 0.. with `reports` reports each (report-major, so a prefix spans many happenings). */
export function testBatch(n, reports = 1) {
  const happenings = Math.ceil(n / reports);
  const out = [];
  for (let v = 0; v < reports && out.length < n; v++) for (let i = 0; i < happenings && out.length < n; i++) out.push(testArticle(i, v));
  return out;
}
