import { toE164 } from '@backtalk/phone';
import { comparableAddress, type SimulatedProvider } from './numbers';

/** Where a message stands at the simulated carrier. `queued` until its first report is due. */
export type CarrierStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';
export type ReportStatus = Exclude<CarrierStatus, 'queued'>;

export interface ReportAttempt {
  status: ReportStatus;
  errorCode: string | null;
  /** The second copy when duplicates are on. */
  duplicate: boolean;
  postedAt: string;
  /** Backtalk's answer; null when it never answered. */
  httpStatus: number | null;
  error: string | null;
}

/** A message Backtalk sent through the simulator (an MT), as the carrier accepted it. */
export interface SendRecord {
  /** The provider's id for it: what delivery reports name. */
  id: string;
  provider: SimulatedProvider;
  numberId: string;
  /** The channel's name, or its sender when it has none. */
  channel: string;
  from: string;
  /** As Backtalk wrote it (Infobip numbers come without the plus). */
  to: string;
  /** `to` in E.164: the simulated phone the message reaches. */
  phone: string;
  text: string;
  segments: number;
  receivedAt: string;
  /** 1 for the first request with this content (or client reference), 2 for the next one, and so on. */
  attempt: number;
  /** Our id as Backtalk sent it, where the provider carries one (Infobip messageId). */
  clientReference: string | null;
  /** The request's batch id where the provider has one (Infobip bulkId). */
  batchId: string | null;
  callbackData: string | null;
  statusCallbackUrl: string | null;
  /** False when a timeout was injected: the carrier took the message but Backtalk never heard so. */
  answered: boolean;
  status: CarrierStatus;
  errorCode: string | null;
  reports: ReportAttempt[];
}

/** A text a simulated customer sent to a channel (an MO), and what Backtalk answered. */
export interface InboundRecord {
  id: string;
  provider: SimulatedProvider;
  numberId: string;
  channel: string;
  phone: string;
  to: string;
  text: string;
  segments: number;
  sentAt: string;
  webhookUrl: string;
  backtalkStatus: number | null;
  error: string | null;
}

export interface PhoneSummary {
  phone: string;
  name: string | null;
  lastActivityAt: string | null;
  messages: number;
}

export type ThreadEntry = ({ direction: 'to-phone' } & SendRecord) | ({ direction: 'from-phone' } & InboundRecord);

export interface TrafficChange {
  kind: 'send' | 'report' | 'inbound' | 'phone' | 'cleared' | 'numbers' | 'behaviour';
  phone?: string;
}

/** The simulator keeps memory bounded on long runs (a load test, a demo left open for days). */
const MAX_RECORDS = 10_000;

/** Customers are told apart by their E.164 number, whatever spelling a provider used. */
export function phoneKey(raw: string): string {
  return toE164(raw) ?? `+${comparableAddress(raw)}`;
}

/** Everything that went through the simulated carrier, and the phones it knows; the web page and the API read it. */
export class TrafficLog {
  private readonly sends: SendRecord[] = [];
  private readonly inbound: InboundRecord[] = [];
  private readonly phones = new Map<string, { name: string | null; addedAt: string }>();
  private readonly attempts = new Map<string, number>();
  private readonly listeners = new Set<(change: TrafficChange) => void>();

  onChange(listener: (change: TrafficChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(change: TrafficChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /** Counts every request for the same message, including the ones answered with an injected failure. */
  countAttempt(key: string): number {
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    if (this.attempts.size > MAX_RECORDS) this.attempts.delete(this.attempts.keys().next().value as string);
    return attempt;
  }

  recordSend(send: SendRecord): void {
    this.sends.push(send);
    if (this.sends.length > MAX_RECORDS) this.sends.shift();
    this.notify({ kind: 'send', phone: send.phone });
  }

  /** Records a posted report; the message's status only ever moves forward, even when reports come out of order. */
  recordReport(send: SendRecord, report: ReportAttempt): void {
    send.reports.push(report);
    if (STATUS_RANK[report.status] > STATUS_RANK[send.status]) {
      send.status = report.status;
      send.errorCode = report.errorCode;
    }
    this.notify({ kind: 'report', phone: send.phone });
  }

  /** Newest first. `to` and `from` match however the number is written. */
  listSends(filter: { to?: string; from?: string } = {}): SendRecord[] {
    const to = filter.to === undefined ? undefined : comparableAddress(filter.to);
    const from = filter.from === undefined ? undefined : comparableAddress(filter.from);
    return this.sends
      .filter((send) => (to === undefined || comparableAddress(send.phone) === to || comparableAddress(send.to) === to) && (from === undefined || comparableAddress(send.from) === from))
      .reverse();
  }

  clearSends(): number {
    const cleared = this.sends.length;
    this.sends.length = 0;
    this.attempts.clear();
    this.notify({ kind: 'cleared' });
    return cleared;
  }

  recordInbound(record: InboundRecord): void {
    this.inbound.push(record);
    if (this.inbound.length > MAX_RECORDS) this.inbound.shift();
    this.notify({ kind: 'inbound', phone: record.phone });
  }

  inboundAnswered(record: InboundRecord): void {
    this.notify({ kind: 'inbound', phone: record.phone });
  }

  addPhone(phone: string, name: string | null): void {
    const existing = this.phones.get(phone);
    this.phones.set(phone, { name: name ?? existing?.name ?? null, addedAt: existing?.addedAt ?? new Date().toISOString() });
    this.notify({ kind: 'phone', phone });
  }

  /** Phones added by hand and every phone that sent or received something; most recent activity first. */
  listPhones(): PhoneSummary[] {
    const summaries = new Map<string, PhoneSummary>();
    const touch = (phone: string, at: string | null) => {
      const summary = summaries.get(phone) ?? { phone, name: this.phones.get(phone)?.name ?? null, lastActivityAt: null, messages: 0 };
      if (at !== null) {
        summary.messages += 1;
        if (summary.lastActivityAt === null || at > summary.lastActivityAt) summary.lastActivityAt = at;
      }
      summaries.set(phone, summary);
    };
    for (const phone of this.phones.keys()) touch(phone, null);
    for (const send of this.sends) touch(send.phone, send.receivedAt);
    for (const record of this.inbound) touch(record.phone, record.sentAt);
    return [...summaries.values()].sort((a, b) => (b.lastActivityAt ?? this.phones.get(b.phone)?.addedAt ?? '').localeCompare(a.lastActivityAt ?? this.phones.get(a.phone)?.addedAt ?? ''));
  }

  /** Oldest first, as a phone shows a conversation. */
  thread(phone: string): ThreadEntry[] {
    const entries: ThreadEntry[] = [
      ...this.sends.filter((send) => send.phone === phone).map((send) => ({ direction: 'to-phone' as const, ...send })),
      ...this.inbound.filter((record) => record.phone === phone).map((record) => ({ direction: 'from-phone' as const, ...record })),
    ];
    return entries.sort((a, b) => timeOf(a).localeCompare(timeOf(b)));
  }
}

const STATUS_RANK: Readonly<Record<CarrierStatus, number>> = { queued: 0, sent: 1, delivered: 2, undelivered: 2, failed: 2 };

function timeOf(entry: ThreadEntry): string {
  return entry.direction === 'to-phone' ? entry.receivedAt : entry.sentAt;
}
