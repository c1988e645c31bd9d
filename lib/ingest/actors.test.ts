import { describe, expect, it } from 'vitest';
import type { Actor } from '../types';
import { findActors } from './actors';
import { loadGazetteer } from './gazetteer';

const gazetteer = loadGazetteer();
const table: Actor[] = [{ id: 'orlova', name: 'Irina Orlova', role: 'Defence minister', affiliation: 'Russia', base: 'moscow' }];
const actors = (text: string) => findActors(text, { actors: table, gazetteer });

describe('findActors', () => {
  it('finds people after titles and keeps the title and the country it names', () => {
    const [a] = actors('Jordanian Foreign Minister Karim Haddad arrived on Sunday.');
    expect(a).toMatchObject({ name: 'Karim Haddad', kind: 'person', country: 'JO' });
    expect(a!.title).toBe('Foreign Minister');
    const gen = actors('Lt. Gen. Omar Saleh said the line held.')[0];
    expect(gen).toMatchObject({ name: 'Omar Saleh', kind: 'person' });
  });

  it('finds people by a first name the lexicon knows', () => {
    expect(actors('Later, Maria Kowalski told reporters she was safe.').map((a) => a.name)).toContain('Maria Kowalski');
  });

  it('re-matches a surname to the full name met earlier', () => {
    const found = actors('President Tomas Varga landed at noon. Varga then met the mayor. Varga’s aides stayed.');
    const varga = found.filter((a) => a.name === 'Tomas Varga');
    expect(varga).toHaveLength(3);
    expect(varga.slice(1).every((a) => a.rematch)).toBe(true);
    expect(varga[2]!.text).toBe('Varga');
  });

  it('links names in the actors table to their id', () => {
    const found = actors('Irina Orlova flew in. Later, Orlova left.');
    expect(found.map((a) => a.actorId)).toEqual(['orlova', 'orlova']);
  });

  it('finds organisations by name and by institutional head noun', () => {
    const names = actors('Hezbollah fired rockets, the Russian Security Council said, and the Defense Ministry agreed.').map((a) => `${a.name}:${a.kind}`);
    expect(names).toContain('Hezbollah:organisation');
    expect(names.some((n) => n.startsWith('Russian Security Council:organisation') || n.startsWith('Security Council:organisation'))).toBe(true);
    expect(names).toContain('Defense Ministry:organisation');
  });

  it('keeps descriptive group labels when nothing better is named', () => {
    expect(actors('Crowds gathered as riot police watched.').map((a) => a.kind)).toEqual(['group', 'group']);
  });

  it('does not take a country for a person', () => {
    expect(actors('President of the Russian Federation spoke.').some((a) => a.kind === 'person' && a.name.includes('Russian Federation'))).toBe(false);
  });
});
