import { describe, expect, it } from 'vitest';
import { finalizeEvent, finalizeMovement } from '../domain/features';
import { extract, PIPELINE_VERSION } from './pipeline';

const text = [
  'Jordanian Foreign Minister Karim Haddad arrived in Baghdad on Tuesday for talks with Iraqi leaders.',
  'Haddad met the Iraqi prime minister at the airport.',
  'Hours later, a rocket struck the Green Zone in Baghdad, officials said.',
  'Officials in Amman threatened to recall their envoy if attacks continued.',
].join(' ');
const article = { id: 'test-article-01', published: '2024-05-15', text };

describe('extract', () => {
  const res = extract(article);

  it('returns the project’s own feature types, accepted by the domain rules', () => {
    expect(res.events.length).toBeGreaterThan(0);
    const lookup = { articleText: (id: string) => (id === article.id ? text : undefined), hasActor: () => true };
    for (const e of res.events) expect(() => finalizeEvent(e, lookup)).not.toThrow();
    for (const m of res.movements) expect(() => finalizeMovement(m, lookup)).not.toThrow();
  });

  it('quotes the article verbatim, at the recorded offset', () => {
    for (const f of [...res.events, ...res.movements]) {
      for (const s of f.properties.sources) expect(text.slice(s.offset, s.offset + s.quote.length)).toBe(s.quote);
    }
  });

  it('marks every item machine-extracted with the pipeline version and a confidence', () => {
    for (const f of [...res.events, ...res.movements]) {
      expect(f.properties.extraction?.pipeline).toBe(PIPELINE_VERSION);
      expect(f.properties.extraction?.confidence).toBeGreaterThanOrEqual(0);
      expect(f.properties.extraction?.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('finds the visit, the meeting and the strike, dated and placed, but not the threat', () => {
    const byCategory = Object.fromEntries(res.events.map((e) => [e.properties.category, e.properties]));
    expect(byCategory.visit).toMatchObject({ start: '2024-05-14', place: { name: 'Baghdad', precision: 'city', radiusKm: 60 } });
    expect(byCategory.meeting?.place.name).toBe('Baghdad');
    expect(byCategory.strike?.start).toBe('2024-05-14');
    expect(res.events.some((e) => e.properties.place.name === 'Amman')).toBe(false);
  });

  it('infers the traveller’s origin with a basis', () => {
    const [m] = res.movements;
    expect(m?.properties).toMatchObject({ origin: { name: 'Amman', inferred: true }, destination: { name: 'Baghdad' } });
    expect(m?.properties.origin.basis).toBeTruthy();
  });

  it('invents no outlet, headline or URL the input does not give', () => {
    for (const e of res.events) for (const s of e.properties.sources) {
      expect(s.outlet).toBeNull();
      expect(s.headline).toBeNull();
    }
    const withMeta = extract({ ...article, title: 'A headline', outlet: 'An outlet' });
    expect(withMeta.events[0]!.properties.sources[0]).toMatchObject({ headline: 'A headline', outlet: 'An outlet' });
  });

  it('lists the actors the table lacks so a writer can store them with the items', () => {
    expect(res.newActors.map((a) => a.name)).toContain('Karim Haddad');
    const ids = new Set(res.newActors.map((a) => a.id));
    for (const e of res.events) for (const a of e.properties.actors) expect(ids.has(a.id) || a.id.length > 0).toBe(true);
  });

  it('warns on a text with no sentences and extracts nothing', () => {
    const empty = extract({ id: 'empty', published: '2024-05-15', text: '   ' });
    expect(empty.events).toEqual([]);
    expect(empty.warnings.length).toBeGreaterThan(0);
  });
});

// Sentences written for these tests: the general rules found by the seeds' error analysis (issue 9).
describe('extract: delegations, officials, undated background', () => {
  const run = (t: string) => extract({ id: 'test-article-02', published: '2025-03-12', text: t }, { minConfidence: 0 });

  it('a state’s delegation somewhere is a trip from its capital; two delegations are two trips', () => {
    const r = run('On Monday, there was a Turkish trade delegation in Baku, and a Greek trade delegation in Sofia.');
    expect(r.events.filter((e) => e.properties.category === 'visit').map((e) => [e.properties.place.name, e.properties.start]).sort()).toEqual([
      ['Baku', '2025-03-10'],
      ['Sofia', '2025-03-10'],
    ]);
    const trips = r.movements.map((m) => [m.properties.origin.name, m.properties.destination.name, m.properties.origin.inferred]).sort();
    expect(trips).toEqual([
      ['Ankara', 'Baku', true],
      ['Athens', 'Sofia', true],
    ]);
  });

  it('a government official speaking on a stated day speaks from its capital, inferred; two speakers are two statements', () => {
    const r = run(
      'A Hungarian foreign ministry spokesperson stated on Tuesday that the border would stay open. The Commander of the Hungarian Defence Forces, Gabor Borondi, asserted on Tuesday that troops were ready.',
    );
    const statements = r.events.filter((e) => e.properties.category === 'statement');
    expect(statements.length).toBe(2);
    for (const s of statements) expect(s.properties.place).toMatchObject({ name: 'Budapest', inferred: true });
    expect(statements[0]!.properties.place.basis).toMatch(/sits in Budapest/);
    // A bare attribution names no venue.
    expect(run('The Hungarian Foreign Ministry released a statement on Tuesday about the border.').events).toEqual([]);
  });

  it('an arrest of a state’s officials is placed at its capital, inferred', () => {
    const r = run('On Monday, a deputy director of the Polish army’s logistics agency and a Defence Ministry official were arrested on bribery charges.');
    expect(r.events.map((e) => [e.properties.category, e.properties.place.name, e.properties.place.inferred, e.properties.start])).toEqual([['arrest', 'Warsaw', true, '2025-03-10']]);
  });

  it('"a recent attack" takes no date from the happening reported around it, nor from a later clause', () => {
    const r = run('On Monday, a drone struck a depot in Kharkiv. The commander was blamed for a recent rocket attack in Sumy, and the 1999 bombing of a bridge in Odesa.');
    expect(r.events.filter((e) => e.properties.place.name === 'Sumy')).toEqual([]);
    expect(r.events.some((e) => e.properties.place.name === 'Kharkiv' && e.properties.start === '2025-03-10')).toBe(true);
  });
});
