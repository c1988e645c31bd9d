import { describe, expect, it } from 'vitest';
import { loadGazetteer } from './gazetteer';
import { loadGazetteerFromFiles } from './gazetteer-files';

describe('loadGazetteerFromFiles', () => {
  it('reads the same places as loadGazetteer', { timeout: 60_000 }, () => {
    const a = loadGazetteer();
    const b = loadGazetteerFromFiles();
    for (const name of ['kramatorsk', 'nairobi', 'washington', 'jordan']) expect(b.lookup(name)).toEqual(a.lookup(name));
    expect(b.country('KE')?.name).toBe(a.country('KE')?.name);
  });
});
