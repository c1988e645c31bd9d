import { describe, expect, it } from 'vitest';
import { extract } from './pipeline';

// Sentences written for these tests; the pipeline sees them as one article.
const run = (text: string, published = '2024-05-15') => extract({ id: 'test-article', published, text }, { actors: [], minConfidence: 0 }).stages.events;

describe('findEvents (through the pipeline stages)', () => {
  it('extracts a located, dated happening with its kind and its sentence as the quote', () => {
    const text = 'Artillery shelled Kharkiv on Monday, killing four civilians. The mayor appealed for calm.';
    const [e] = run(text);
    expect(e).toMatchObject({ kind: 'attack', date: { start: '2024-05-13', precision: 'day' } });
    expect(e!.place.name).toBe('Kharkiv');
    expect(text.slice(e!.quotes[0]!.start, e!.quotes[0]!.end)).toBe(e!.quotes[0]!.text);
  });

  it('ignores threats, plans and hypotheticals', () => {
    expect(run('Officials vowed to strike Haifa on Monday.')).toEqual([]);
    expect(run('The army would attack Rafah if talks failed on Monday.')).toEqual([]);
    expect(run('The minister is expected to visit Ankara on Friday.')).toEqual([]);
    expect(run('The envoy plans to arrive in Cairo on Tuesday.')).toEqual([]);
  });

  it('ignores undated background and ongoing campaigns', () => {
    expect(run('The city of Mosul was bombed during the long war.')).toEqual([]);
    expect(run('Strikes have hit Aleppo since 2012.')).toEqual([]);
  });

  it('records a statement only where the text gives a venue', () => {
    expect(run('The foreign minister said on Monday that talks would resume.')).toEqual([]);
    const [e] = run('At a press conference in Warsaw on Monday, the prime minister said aid would continue.');
    expect(e).toMatchObject({ kind: 'statement', place: { name: 'Warsaw' } });
    const [p] = run('The Pentagon said on Tuesday that a second carrier had sailed.');
    expect(p!.kind).toBe('statement');
    expect(p!.place.country).toBe('US');
  });

  it('does not pin a happening on a capital used for its government', () => {
    const es = run('Tehran has vowed revenge. Israeli jets struck Beirut on Tuesday.');
    expect(es.map((e) => e.place.name)).toEqual(['Beirut']);
  });

  it('carries the place of a trip to the meeting held there, marked inferred', () => {
    const es = run('The Turkish president arrived in Baghdad on Wednesday. He met the prime minister at the airport.', '2024-05-16');
    const meeting = es.find((e) => e.kind === 'meeting')!;
    expect(meeting.place.name).toBe('Baghdad');
    expect(meeting.placeInferred).toBe(true);
    expect(meeting.placeBasis).toMatch(/Baghdad/);
    expect(meeting.date.start).toBe('2024-05-15');
  });

  it('merges repeated reports of one happening into one event with several quotes', () => {
    const es = run('Drones struck Odessa on Sunday. The Sunday attack on Odessa damaged the port.');
    expect(es).toHaveLength(1);
    expect(es[0]!.quotes).toHaveLength(2);
  });

  it('gives each event a confidence in [0, 1]', () => {
    for (const e of run('Police arrested the opposition leader in Minsk on Friday. Protesters rallied in Minsk on Saturday.')) {
      expect(e.confidence).toBeGreaterThan(0);
      expect(e.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('event places inside a country', () => {
  it('prefers the named city of the country the trigger governs', () => {
    const [e] = run("Jets struck Yemen's port city of Hodeidah on Saturday.", '2024-07-21');
    expect(e!.place.name).toBe('Hodeidah');
  });
});
