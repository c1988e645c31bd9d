import { describe, expect, it } from 'vitest';
import { auditVerdict } from './audit.mjs';

const report = (vulnerabilities: Record<string, { severity: string; range?: string }>) => {
  const counts: Record<string, number> = { info: 0, low: 0, moderate: 0, high: 0, critical: 0 };
  for (const v of Object.values(vulnerabilities)) counts[v.severity]! += 1;
  return { auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { ...counts, total: Object.keys(vulnerabilities).length } } };
};

describe('auditVerdict', () => {
  it('passes a clean report, and one with only low or moderate advisories', () => {
    expect(auditVerdict(report({})).kind).toBe('pass');
    expect(auditVerdict(report({ a: { severity: 'moderate' }, b: { severity: 'low' } })).kind).toBe('pass');
  });

  it('fails on a high or a critical advisory, naming each', () => {
    const v = auditVerdict(report({ next: { severity: 'high', range: '<16.4.6' }, x: { severity: 'low' }, y: { severity: 'critical' } }));
    expect(v).toMatchObject({ kind: 'fail', blocking: ['next (high, <16.4.6)', 'y (critical)'] });
  });

  it('tells "no advisory data" (the registry refused the audit) apart from "no advisory"', () => {
    const refused = { message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk', statusCode: 405 };
    expect(auditVerdict(refused)).toEqual({ kind: 'unavailable', reason: refused.message });
    expect(auditVerdict({ error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.' } }).kind).toBe('unavailable');
    expect(auditVerdict(null).kind).toBe('unavailable');
  });
});
