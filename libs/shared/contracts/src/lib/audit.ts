/** Who did an audited thing. `anonymous` is a failed sign-in: nobody was proven, only an email was tried. */
export type AuditActor =
  | { kind: 'user'; userId: string }
  | { kind: 'api_key'; apiKeyId: string }
  | { kind: 'system' }
  | { kind: 'anonymous'; attemptedEmail?: string };

export type AuditActorKind = AuditActor['kind'];

export interface AuditTarget {
  /** What kind of thing was acted on: `user`, `team`, `rule`, `channel`, `contact`, … */
  type: string;
  /** Its id; absent for things that are one of a kind (the workspace settings). */
  id?: string;
  /** A name to recognise it by, as it was at the time. */
  label?: string;
}

/** The state before and after a change; absent fields are ones the action did not touch. Never holds secret values. */
export interface AuditDiff {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export interface AuditOrigin {
  ip?: string;
  userAgent?: string;
}

export interface AuditRecordInput {
  actor: AuditActor;
  /** Dotted, lower case: `rule.updated`, `contact.erased`, `contact.exported`. */
  action: string;
  target: AuditTarget;
  /** The teams the entry concerns; supervisors of these teams see it. */
  teamIds?: readonly string[];
  diff?: AuditDiff;
  origin?: AuditOrigin;
}

/** One entry as the API serves it. The actor's name is looked up when read, the rest is as recorded. */
export interface AuditEntryView {
  seq: string;
  occurredAt: string;
  actor: AuditActor & { name: string | null };
  action: string;
  target: AuditTarget;
  teamIds: string[];
  diff: AuditDiff | null;
  origin: AuditOrigin;
}

export interface AuditListResponse {
  entries: AuditEntryView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const AUDIT_PAGE_SIZE_MAX = 200;

/** Filters of `GET /api/audit` and `GET /api/audit/export.csv`; all optional, combined with AND. */
export interface AuditListQuery {
  /** Entries by this person. */
  actorUserId?: string;
  actorKind?: AuditActorKind;
  /** A whole action (`rule.updated`), or a family of them without the dot (`rule`). */
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Text found in the target's name, or its exact id. */
  target?: string;
  /** ISO 8601, inclusive. */
  from?: string;
  /** ISO 8601, exclusive. */
  to?: string;
  /** `nextCursor` of the previous page. */
  before?: string;
  limit?: number;
}

export const AUDIT_ACTOR_KINDS: readonly AuditActorKind[] = ['user', 'api_key', 'system', 'anonymous'];
