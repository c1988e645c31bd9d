import { describe, expect, it } from 'vitest';
import type { Actor } from '../types';
import { extract } from './pipeline';

const table: Actor[] = [{ id: 'orlova', name: 'Irina Orlova', role: 'Defence minister', affiliation: 'Russia', base: 'moscow', baseBasis: 'The Russian defence ministry sits in Moscow' }];
const places = [{ id: 'moscow', name: 'Moscow', country: 'Russia', lat: 55.7558, lng: 37.6173, precision: 'city' as const }];
const run = (text: string, published = '2024-05-15') => extract({ id: 'test-article', published, text }, { actors: table, places }).stages.movements;

describe('findMovements', () => {
  it('takes the origin the text states, not inferred', () => {
    const [m] = run('Irina Orlova flew to Minsk from Moscow on Monday for talks.');
    expect(m).toMatchObject({ origin: { name: 'Moscow' }, originInferred: false, destination: { name: 'Minsk' }, date: { start: '2024-05-13' } });
  });

  it("infers the origin from the actors table's base, flagged with its basis", () => {
    const [m] = run('Irina Orlova arrived in Tehran on Monday.');
    expect(m).toMatchObject({ origin: { name: 'Moscow' }, originInferred: true });
    expect(m!.originBasis).toMatch(/Moscow/);
  });

  it('infers the origin from the capital of the country the title names', () => {
    const [m] = run('Egyptian Foreign Minister Samir Fawzi landed in Amman on Tuesday.');
    expect(m!.origin.name).toBe('Cairo');
    expect(m!.originInferred).toBe(true);
    expect(m!.originBasis).toMatch(/capital of Egypt/);
  });

  it('lets a delegation travel as its organisation, from its base', () => {
    const [m] = run('A Hamas delegation arrived in Cairo on Saturday.');
    expect(m!.actor.name).toBe('Hamas delegation');
    expect(m!.origin.name).toBe('Doha');
  });

  it('needs travel wording: presence at a meeting is no movement', () => {
    expect(run('Irina Orlova met the Iranian president in Tehran on Monday.')).toEqual([]);
    expect(run('Irina Orlova will travel to Tehran next week.')).toEqual([]);
  });

  it('starts a later leg where the earlier one arrived', () => {
    const ms = run('Irina Orlova visited Baku on Monday. On Tuesday she arrived in Yerevan.');
    expect(ms.map((m) => `${m.origin.name}→${m.destination.name}`)).toEqual(['Moscow→Baku', 'Baku→Yerevan']);
  });
});
