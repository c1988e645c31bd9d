import { describe, expect, it } from 'vitest';
import { parseFilterQuery } from '../filters';
import { clusterView, clustersUrl, countUrl, leavesUrl, listBox, listUrl } from './view-query';

const state = { embed: false, from: '2024-07-28', to: '2024-08-05', categories: ['strike' as const], kinds: ['travel' as const], q: 'Tehran visit' };

describe('clusterView', () => {
  it('widens the view to whole tiles at the whole zoom, so nearby views ask the same URL', () => {
    const a = clusterView([40.1, 25.2, 50.3, 36.4], 4.2);
    const b = clusterView([40.4, 25.9, 50.9, 36.1], 4.9);
    expect(a).toEqual(b);
    expect(a.zoom).toBe(4);
    const [w, s, e, n] = a.bbox;
    expect(w).toBeLessThanOrEqual(40.1);
    expect(e).toBeGreaterThanOrEqual(50.9);
    expect(s).toBeLessThanOrEqual(25.2);
    expect(n).toBeGreaterThanOrEqual(36.4);
    // 16 tiles a side at zoom 4: edges on multiples of 22.5°
    expect(w / 22.5).toBe(Math.round(w / 22.5));
    expect(e / 22.5).toBe(Math.round(e / 22.5));
  });

  it('covers the poles and the antimeridian of a world view without leaving the valid ranges', () => {
    const v = clusterView([-180, -90, 180, 90], 0.5);
    expect(v).toEqual({ bbox: [-180, -90, 180, 90], zoom: 0 });
    const edge = clusterView([170, -10, 180, 10], 6);
    expect(edge.bbox[2]).toBe(180);
    expect(edge.bbox[0]).toBeGreaterThanOrEqual(-180);
  });

  it('a different whole zoom is a different request', () => {
    expect(clusterView([40, 25, 50, 36], 4.99).zoom).toBe(4);
    expect(clusterView([40, 25, 50, 36], 5).zoom).toBe(5);
  });
});

describe('view URLs', () => {
  const box: [number, number, number, number] = [40.12345, 25.6789, 50.5, 36.25];
  const parse = (url: string, endpoint: Parameters<typeof parseFilterQuery>[1]) => {
    const r = parseFilterQuery(new URL(url, 'http://x').searchParams, endpoint);
    if (!r.ok) throw new Error(`${url}: ${r.error}`);
    return r;
  };

  it('every URL is one its endpoint accepts, with the view’s dates and filters (no movement kinds)', () => {
    const c = parse(clustersUrl(state, 'article', box, 4.3), 'clusters');
    expect(c.filter).toMatchObject({ from: state.from, to: state.to, categories: ['strike'], q: 'Tehran visit', sourceTypes: ['article'] });
    expect(c.zoom).toBe(4);
    const l = parse(listUrl(state, ['article', 'feed'], box, 'abc'), 'events');
    expect(l.filter.sourceTypes).toBeUndefined();
    expect(l.filter.bbox).toEqual(listBox(box));
    expect(l.page).toMatchObject({ cursor: 'abc', order: 'desc' });
    expect(l.fields).toBe('summary');
    expect(parse(countUrl(state, ['feed']), 'count').filter).toMatchObject({ sourceTypes: ['feed'], from: state.from });
    expect(parse(countUrl(state, ['feed'], box), 'count').filter.bbox).toEqual(listBox(box));
    expect(parse(leavesUrl(state, 'feed', '5/1/2'), 'leaves').cluster).toBe('5/1/2');
  });

  it('the list box follows the view to a few metres, so it changes when the user pans', () => {
    expect(listUrl(state, ['article'], box)).not.toBe(listUrl(state, ['article'], [40.2, 25.6789, 50.5, 36.25]));
    expect(listUrl(state, ['article'], box)).toBe(listUrl(state, ['article'], [40.12349, 25.6789, 50.5, 36.25]));
  });
});
