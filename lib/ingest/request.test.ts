import { describe, expect, it } from 'vitest';
import { parseArticleRequest } from './request';

const text =
  'Officials said on Monday that the delegation arrived in the capital after a long flight, and that talks with the government were expected to continue for two days. ' +
  'The minister told reporters that the visit was a sign of closer ties between the two countries.';
const ok = { title: 'A visit', published: '2024-08-05', text };
const error = (body: unknown) => {
  const r = parseArticleRequest(body);
  return r.ok ? null : r.error;
};

describe('parseArticleRequest', () => {
  it('accepts an English article with its metadata', () => {
    expect(parseArticleRequest({ ...ok, outlet: 'Wire', url: 'https://example.org/a' })).toMatchObject({ ok: true });
  });
  it('names what is wrong with each kind of unusable article', () => {
    expect(error({ ...ok, text: '   \n ' })).toMatch(/text is empty/);
    expect(error({ ...ok, text: `${text}\u0000\u0001` })).toMatch(/binary/);
    expect(error({ ...ok, text: text.repeat(5000) })).toMatch(/over 1 MB/);
    expect(error({ ...ok, text: 'Le ministre est arrivé lundi dans la capitale pour des entretiens avec le gouvernement, qui doivent durer deux jours selon les responsables du pays.' })).toMatch(/English/);
    expect(error({ ...ok, published: '2024-02-30' })).toMatch(/real date/);
    expect(error({ ...ok, published: '2999-01-01' })).toMatch(/future/);
    expect(error({ title: 'x', text })).toMatch(/published/);
    expect(error({ ...ok, url: 'javascript:alert(1)' })).toMatch(/http/);
    expect(error({ ...ok, extra: 1 })).toMatch(/extra/i);
    expect(error('not an object')).not.toBeNull();
  });
});
