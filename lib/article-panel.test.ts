import { describe, expect, it } from 'vitest';
import { articleBody, draftFromFile, editFields, editFromFields, errorMessage, highlightSegments, itemsView, mergeLabel } from './article-panel';

// Invented text, written for these tests.
const TEXT = 'Rain fell on Osterby on Monday. A bridge over the Lenne river collapsed on Tuesday. Nobody was hurt.';

describe('highlightSegments', () => {
  it('cuts the text into plain and quoted stretches that join back into the text', () => {
    const q1 = 'A bridge over the Lenne river collapsed on Tuesday.';
    const segs = highlightSegments(TEXT, [{ key: 'e1', quote: q1, offset: TEXT.indexOf(q1) }]);
    expect(segs.map((s) => s.text).join('')).toBe(TEXT);
    expect(segs.filter((s) => s.keys.length)).toEqual([{ text: q1, keys: ['e1'] }]);
  });

  it('marks overlapping quotes with every item that quotes the stretch', () => {
    const a = 'Rain fell on Osterby on Monday. A bridge';
    const b = 'A bridge over the Lenne river';
    const segs = highlightSegments(TEXT, [
      { key: 'e1', quote: a, offset: 0 },
      { key: 'm1', quote: b, offset: TEXT.indexOf(b) },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(TEXT);
    expect(segs.find((s) => s.text === 'A bridge')?.keys).toEqual(['e1', 'm1']);
  });

  it('finds a quote whose offset is stale, and skips one that is not in the text', () => {
    const q = 'Nobody was hurt.';
    const segs = highlightSegments(TEXT, [
      { key: 'e1', quote: q, offset: 3 },
      { key: 'e2', quote: 'Not in this text at all', offset: 0 },
    ]);
    expect(segs.filter((s) => s.keys.length)).toEqual([{ text: q, keys: ['e1'] }]);
  });

  it('keeps an empty text empty', () => {
    expect(highlightSegments('', [])).toEqual([]);
  });
});

describe('draftFromFile', () => {
  it('takes a text file as the text and a JSON file field by field', () => {
    expect(draftFromFile('a.txt', 'hello')).toEqual({ ok: true, draft: { text: 'hello' } });
    expect(draftFromFile('a.json', JSON.stringify({ title: 'T', published: '2025-01-02', text: 'x', extra: 1, url: 5 }))).toEqual({ ok: true, draft: { title: 'T', published: '2025-01-02', text: 'x' } });
  });
  it('says what is wrong with a JSON file it cannot use', () => {
    expect(draftFromFile('a.json', '{')).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    expect(draftFromFile('a.json', '[1]')).toMatchObject({ ok: false });
    expect(draftFromFile('a.json', '{"title":"x"}')).toMatchObject({ ok: false, error: expect.stringContaining('"text"') });
  });
});

describe('articleBody and errorMessage', () => {
  it('leaves empty optional fields out', () => {
    expect(articleBody({ title: ' T ', published: '2025-01-02', outlet: ' ', url: '', text: 'x' })).toEqual({ title: 'T', published: '2025-01-02', text: 'x' });
  });
  it("shows the server's message and its issues", () => {
    expect(errorMessage(400, { error: 'published: must be a real date', issues: [{ path: 'published', message: 'must be a real date' }] })).toBe('published: must be a real date');
    expect(errorMessage(422, { error: 'the text is not English', issues: [{ path: 'text', message: 'looks like German' }] })).toBe('the text is not English (text: looks like German)');
    expect(errorMessage(502, null)).toBe('the server answered 502');
  });
  it('names how an event merged', () => {
    expect(mergeLabel({ merged: false })).toBe('new event');
    expect(mergeLabel({ merged: true })).toBe('merged into an existing event');
    expect(mergeLabel({ merged: true, syndicatedOf: 'a1' })).toContain('syndicated copy of article a1');
  });
});

describe('editFromFields', () => {
  const item = { start: '2025-01-06', end: '2025-01-06', precision: 'day' as const, category: 'incident' as const, actors: [{ id: 'police' }], place: { name: 'Osterby', lat: 54.4, lng: 9.8, precision: 'city' as const } };
  const before = editFields(item);
  it('sends only what changed', () => {
    expect(editFromFields(before, { ...before, start: '2025-01-05' }, { category: true })).toEqual({ ok: true, edit: { start: '2025-01-05', end: '2025-01-06', precision: 'day' } });
    expect(editFromFields(before, { ...before, category: 'strike' }, { category: true })).toEqual({ ok: true, edit: { category: 'strike' } });
    expect(editFromFields(before, { ...before, actors: 'police, army' }, { category: true })).toEqual({ ok: true, edit: { actors: ['police', 'army'] } });
    expect(editFromFields(before, { ...before, placeName: 'Kiel', lat: '54.32', lng: '10.13' }, { category: true })).toEqual({ ok: true, edit: { place: { name: 'Kiel', lat: 54.32, lng: 10.13, precision: 'city' } } });
  });
  it('refuses what the server would refuse, and an edit that changes nothing', () => {
    expect(editFromFields(before, before, { category: true })).toMatchObject({ ok: false, error: 'nothing was changed' });
    expect(editFromFields(before, { ...before, start: '2025-02-30' }, { category: true })).toMatchObject({ ok: false });
    expect(editFromFields(before, { ...before, start: '2025-01-09' }, { category: true })).toMatchObject({ ok: false, error: 'the start is after the end' });
    expect(editFromFields(before, { ...before, lat: '' }, { category: true })).toMatchObject({ ok: false });
    expect(editFromFields(before, { ...before, lng: '200' }, { category: true })).toMatchObject({ ok: false });
  });
  it('leaves the category out for movements', () => {
    expect(editFromFields(before, { ...before, category: 'strike' }, { category: false })).toMatchObject({ ok: false, error: 'nothing was changed' });
  });
});

describe('itemsView', () => {
  it('spans every item in time and space', () => {
    const v = itemsView([
      { start: '2025-10-27', end: '2025-10-27', coords: [[44.8, 41.7]] },
      { start: '2025-10-28', end: '2025-10-29', coords: [[41.6, 41.6], [32.9, 39.9]] },
    ])!;
    expect(v).toMatchObject({ from: '2025-10-27', to: '2025-10-29' });
    expect(v.lng).toBeCloseTo(38.85);
    expect(v.zoom).toBeGreaterThan(2);
    expect(v.zoom).toBeLessThan(5);
  });
  it('does not zoom in past the limit on one point, and has nothing to show for no items', () => {
    expect(itemsView([{ start: '2025-01-01', end: '2025-01-01', coords: [[10, 50]] }])!.zoom).toBe(8);
    expect(itemsView([])).toBeNull();
  });
});
