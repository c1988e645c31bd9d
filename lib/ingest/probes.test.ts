// Whole articles written for these tests (not taken from any corpus), each probing wording the
// development corpus does not use, so that rules stay general.
import { describe, expect, it } from 'vitest';
import { extract } from './pipeline';

const events = (published: string, text: string) =>
  extract({ id: 'probe', published, text }).events.map((e) => ({ kind: e.properties.extraction?.kind, place: e.properties.place.name, start: e.properties.start, precision: e.properties.precision }));

describe('articles the rules were not written from', () => {
  it('a capture and a march: seizures are attacks, "Rostov-on-Don" is a city', () => {
    const es = events('2023-06-25', 'Mercenaries seized the southern city of Rostov-on-Don on Saturday before marching toward the capital. Their leader later agreed to leave the country under a deal.');
    expect(es).toContainEqual({ kind: 'attack', place: 'Rostov-on-Don', start: '2023-06-24', precision: 'day' });
    expect(es).toHaveLength(1);
  });

  it('forces entering a city are a deployment; the capture of another city days earlier is its own attack', () => {
    const es = events('2021-08-16', 'Insurgent fighters entered Kabul on Sunday as the government collapsed. The insurgents took control of Kandahar on Friday.');
    expect(es.map((e) => `${e.kind} ${e.start}`)).toEqual(['deployment 2021-08-15', 'attack 2021-08-13']);
  });

  it('retaliation: both strikes, each on its own day and place; the threat of more is nothing', () => {
    const es = events('2024-02-05', 'The air force carried out strikes against targets in Iraq on Friday in retaliation for a drone attack that killed three soldiers in Jordan last week. Officials warned of further action.');
    expect(es).toContainEqual(expect.objectContaining({ kind: 'attack', place: 'Iraq', start: '2024-02-02' }));
    expect(es).toContainEqual(expect.objectContaining({ kind: 'attack', place: 'Jordan', precision: 'week' }));
    expect(es).toHaveLength(2);
  });

  it('a reaction and a summons: "to protest the strikes" adds no strike', () => {
    const es = events('2024-02-05', 'Baghdad summoned the envoy in Baghdad on Saturday to protest the strikes.');
    expect(es.map((e) => e.kind)).toEqual(['diplomacy']);
  });

  it('crowd control is part of a protest; tolls over time and announced visits are not happenings', () => {
    const es = events('2023-10-20', 'Protesters rallied outside the embassy in Amman on Thursday. Police fired tear gas to push back the crowd. More than 3,000 people have been killed in Gaza, officials said. The ministry announced the minister’s two-day visit to Cairo on Monday.');
    expect(es.map((e) => `${e.kind} ${e.place}`)).toEqual(['protest Amman']);
  });

  it('a launch with no target is placed where it left from', () => {
    const es = events('2023-04-13', 'North Korea fired a ballistic missile on Thursday. The missile was fired at 7:10 a.m. (2210 GMT on Wednesday) from near Pyongyang.');
    expect(es).toEqual([expect.objectContaining({ kind: 'other', place: 'Pyongyang', start: '2023-04-13' })]);
  });
});
