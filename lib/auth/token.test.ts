import { describe, expect, it } from 'vitest';
import { checkWriteToken } from './token';

describe('checkWriteToken', () => {
  it('refuses every write while no token is configured', () => {
    expect(checkWriteToken('Bearer anything', undefined)).toMatchObject({ ok: false, status: 403 });
    expect(checkWriteToken('Bearer anything', '')).toMatchObject({ ok: false, status: 403 });
  });
  it('needs the bearer scheme and the exact token', () => {
    expect(checkWriteToken(null, 's3cret')).toMatchObject({ ok: false, status: 401 });
    expect(checkWriteToken('s3cret', 's3cret')).toMatchObject({ ok: false, status: 401 });
    expect(checkWriteToken('Bearer s3cre', 's3cret')).toMatchObject({ ok: false, status: 401, error: 'wrong token' });
    expect(checkWriteToken('Bearer s3cret ', 's3cret')).toEqual({ ok: true });
    expect(checkWriteToken('bearer s3cret', 's3cret')).toEqual({ ok: true });
  });
});
