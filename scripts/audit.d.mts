// Types for audit.mjs (plain JavaScript so that CI runs it with node alone, before any build).
export type AuditVerdict =
  | { kind: 'pass'; counts: Record<string, number> }
  | { kind: 'fail'; counts: Record<string, number>; blocking: string[] }
  | { kind: 'unavailable'; reason: string };
export function auditVerdict(report: unknown): AuditVerdict;
