import { type Random } from './random';
import { FieldReader, InvalidInput, isRecord } from './validation';

const OUTCOMES = ['delivered', 'failed', 'no-dlr'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How the simulated carrier treats a message: what its delivery reports say, and how its send API misbehaves. */
export interface Behaviour {
  outcome: Outcome;
  /** The provider error code in a failed report; null picks the provider's usual "phone unreachable" code. */
  errorCode: string | null;
  /** From accepting a message to its final delivery report; earlier reports are spread evenly before it. */
  latencyMs: number;
  /** Every delivery report is posted twice, as carriers do when they retry. */
  duplicates: boolean;
  /** Reports are posted latest status first (delivered before sent). */
  outOfOrder: boolean;
  /** Shares of send requests answered with HTTP 500, with HTTP 429, or never answered; drawn in that order. */
  serverErrorRate: number;
  throttleRate: number;
  timeoutRate: number;
  /** The Retry-After of an injected 429. */
  retryAfterSeconds: number;
}

export type BehaviourOverrides = Partial<Behaviour>;

export const DEFAULT_BEHAVIOUR: Behaviour = {
  outcome: 'delivered',
  errorCode: null,
  latencyMs: 1500,
  duplicates: false,
  outOfOrder: false,
  serverErrorRate: 0,
  throttleRate: 0,
  timeoutRate: 0,
  retryAfterSeconds: 2,
};

const BEHAVIOUR_FIELDS = Object.keys(DEFAULT_BEHAVIOUR) as Array<keyof Behaviour>;
const MAX_LATENCY_MS = 10 * 60 * 1000;

/** `PUT /sim/api/behaviour`: which scope to change, and how. */
export interface BehaviourUpdate {
  /** A registered number (sender, name or id); with neither this nor `phone` the global behaviour changes. */
  number?: string;
  /** A simulated phone (E.164): applies to messages sent to it, over the number's and the global behaviour. */
  phone?: string;
  /** Start the scope again from nothing (the defaults, for the global scope) before applying the fields. */
  reset: boolean;
  /** Restart the random sequence that draws injected failures. */
  seed?: number;
  changes: BehaviourOverrides;
}

/** @throws InvalidInput listing every problem with the body */
export function parseBehaviourUpdate(body: unknown): BehaviourUpdate {
  if (!isRecord(body)) throw new InvalidInput(['the body must be a JSON object']);
  const fields = new FieldReader(body);
  fields.rejectUnknown(['number', 'phone', 'reset', 'seed', ...BEHAVIOUR_FIELDS]);

  const changes: BehaviourOverrides = {};
  const outcome = fields.oneOf('outcome', OUTCOMES);
  if (outcome) changes.outcome = outcome;
  if (body['errorCode'] === null) changes.errorCode = null;
  else if (typeof body['errorCode'] === 'number') changes.errorCode = String(body['errorCode']);
  else {
    const errorCode = fields.string('errorCode', { maxLength: 64 });
    if (errorCode !== undefined) changes.errorCode = errorCode;
  }
  assign(changes, 'latencyMs', fields.integer('latencyMs', 0, MAX_LATENCY_MS));
  assign(changes, 'duplicates', fields.boolean('duplicates'));
  assign(changes, 'outOfOrder', fields.boolean('outOfOrder'));
  assign(changes, 'serverErrorRate', fields.fraction('serverErrorRate'));
  assign(changes, 'throttleRate', fields.fraction('throttleRate'));
  assign(changes, 'timeoutRate', fields.fraction('timeoutRate'));
  assign(changes, 'retryAfterSeconds', fields.integer('retryAfterSeconds', 0, 3600));

  const update: BehaviourUpdate = { reset: fields.boolean('reset') ?? false, changes };
  const number = fields.string('number', { maxLength: 200 });
  const phone = fields.string('phone', { maxLength: 32 });
  const seed = fields.integer('seed', 0, 0xffffffff);
  if (number !== undefined) update.number = number;
  if (phone !== undefined) update.phone = phone;
  if (seed !== undefined) update.seed = seed;
  if (number !== undefined && phone !== undefined) fields.problem('give either number or phone, not both');

  if (fields.problems.length > 0) throw new InvalidInput(fields.problems);
  return update;
}

function assign<K extends keyof Behaviour>(target: BehaviourOverrides, key: K, value: Behaviour[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** The rates of one scope must leave room for requests that succeed. */
function failureRateProblem(behaviour: BehaviourOverrides): string | null {
  const total = (behaviour.serverErrorRate ?? 0) + (behaviour.throttleRate ?? 0) + (behaviour.timeoutRate ?? 0);
  return total > 1 + 1e-9 ? `serverErrorRate + throttleRate + timeoutRate is ${Number(total.toFixed(4))}; it must not exceed 1` : null;
}

/** Narrower scopes win: the defaults, then the global settings, the channel's number, the customer's phone. */
export function effectiveBehaviour(...layers: ReadonlyArray<BehaviourOverrides | undefined>): Behaviour {
  return Object.assign({}, DEFAULT_BEHAVIOUR, ...layers.filter(Boolean)) as Behaviour;
}

export type SendFailure = 'none' | 'server-error' | 'throttled' | 'timeout';

/** One draw per send request; the same seed and the same requests give the same failures. */
export function drawSendFailure(behaviour: Behaviour, random: Random): SendFailure {
  const draw = random();
  if (draw < behaviour.serverErrorRate) return 'server-error';
  if (draw < behaviour.serverErrorRate + behaviour.throttleRate) return 'throttled';
  if (draw < behaviour.serverErrorRate + behaviour.throttleRate + behaviour.timeoutRate) return 'timeout';
  return 'none';
}

/**
 * The behaviour settings of every scope. Scopes are keyed by the number's id and the phone's E.164 form; finding
 * them from what a person typed is the caller's job.
 */
export class BehaviourBook {
  private global: BehaviourOverrides = {};
  private readonly byNumber = new Map<string, BehaviourOverrides>();
  private readonly byPhone = new Map<string, BehaviourOverrides>();

  /** @throws InvalidInput when the scope's failure rates would add up to more than 1 */
  apply(update: BehaviourUpdate, scope: { numberId?: string; phone?: string }): void {
    const current = update.reset ? {} : this.scopeOf(scope);
    const next = { ...current, ...update.changes };
    const problem = failureRateProblem(next);
    if (problem) throw new InvalidInput([problem]);
    if (scope.numberId !== undefined) this.byNumber.set(scope.numberId, next);
    else if (scope.phone !== undefined) this.byPhone.set(scope.phone, next);
    else this.global = next;
  }

  private scopeOf(scope: { numberId?: string; phone?: string }): BehaviourOverrides {
    if (scope.numberId !== undefined) return this.byNumber.get(scope.numberId) ?? {};
    if (scope.phone !== undefined) return this.byPhone.get(scope.phone) ?? {};
    return this.global;
  }

  effectiveFor(numberId: string, phone: string): Behaviour {
    return effectiveBehaviour(this.global, this.byNumber.get(numberId), this.byPhone.get(phone));
  }

  clear(): void {
    this.global = {};
    this.byNumber.clear();
    this.byPhone.clear();
  }

  forgetNumber(numberId: string): void {
    this.byNumber.delete(numberId);
  }

  snapshot(): { defaults: Behaviour; global: Behaviour; numbers: Record<string, BehaviourOverrides>; phones: Record<string, BehaviourOverrides> } {
    return {
      defaults: DEFAULT_BEHAVIOUR,
      global: effectiveBehaviour(this.global),
      numbers: Object.fromEntries(this.byNumber),
      phones: Object.fromEntries(this.byPhone),
    };
  }
}
