import type { Behaviour, BehaviourBook } from '../behaviour';
import type { publicView } from '../numbers';
import type { PhoneSummary, ThreadEntry, TrafficChange } from '../traffic';

// The simulator's page: phones on the left, the selected phone's conversation in the middle, channels and the
// carrier's behaviour on the right. Plain DOM; the server pushes "something changed" and the page refetches.

type Channel = ReturnType<typeof publicView>;
type BehaviourSnapshot = ReturnType<BehaviourBook['snapshot']>;

const state: { phones: PhoneSummary[]; channels: Channel[]; behaviour: BehaviourSnapshot | null; selected: string | null } = {
  phones: [],
  channels: [],
  behaviour: null,
  selected: decodeURIComponent(location.hash.slice(1)) || null,
};

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init?.body ? { ...init, headers: { 'content-type': 'application/json' } } : init);
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status}`);
  return body as T;
}

function showError(form: string, message: string): void {
  const target = document.querySelector<HTMLElement>(`.form-error[data-for="${form}"]`);
  if (target) target.textContent = message;
}

function time(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : date.toLocaleString();
}

function renderPhones(): void {
  const list = element<HTMLUListElement>('phone-list');
  if (state.phones.length === 0) {
    list.innerHTML = '<li class="empty">No phones yet. Add one above, or send a message from Backtalk.</li>';
    return;
  }
  list.innerHTML = state.phones
    .map(
      (phone) => `<li><button type="button" class="phone${phone.phone === state.selected ? ' selected' : ''}" data-phone="${escapeHtml(phone.phone)}">
        <span class="avatar" aria-hidden="true">${escapeHtml((phone.name ?? phone.phone.slice(-2)).slice(0, 2).toUpperCase())}</span>
        <span class="phone-text"><strong>${escapeHtml(phone.name ?? phone.phone)}</strong>
        <small>${phone.name ? `${escapeHtml(phone.phone)} · ` : ''}${phone.messages} message${phone.messages === 1 ? '' : 's'}${phone.lastActivityAt ? ` · ${time(phone.lastActivityAt)}` : ''}</small></span>
      </button></li>`,
    )
    .join('');
}

function renderChannels(): void {
  element<HTMLUListElement>('channel-list').innerHTML =
    state.channels.length === 0
      ? '<li class="empty">No channels registered. Register Backtalk channels with <code>PUT /sim/api/numbers</code>.</li>'
      : state.channels
          .map(
            (channel) => `<li><span class="provider provider-${channel.provider}">${escapeHtml(channel.provider)}</span>
              <strong>${escapeHtml(channel.name ?? channel.sender)}</strong>${channel.name ? ` <small>${escapeHtml(channel.sender)}</small>` : ''}</li>`,
          )
          .join('');

  const select = element<HTMLSelectElement>('channel-select');
  const previous = select.value;
  select.innerHTML = state.channels.map((channel) => `<option value="${escapeHtml(channel.id)}">${escapeHtml(channel.name ? `${channel.name} (${channel.sender})` : channel.sender)}</option>`).join('');
  if (state.channels.some((channel) => channel.id === previous)) select.value = previous;
}

const STATUS_LABEL: Record<string, string> = { queued: 'queued', sent: 'sent', delivered: 'delivered', undelivered: 'not delivered', failed: 'failed' };

function bubble(entry: ThreadEntry): string {
  if (entry.direction === 'from-phone') {
    const outcome =
      entry.backtalkStatus === null && !entry.error
        ? '<span class="badge pending">sending to Backtalk…</span>'
        : entry.error
          ? `<span class="badge bad" title="${escapeHtml(entry.error)}">Backtalk ${entry.backtalkStatus ?? 'unreachable'}</span>`
          : `<span class="badge good">Backtalk ${entry.backtalkStatus}</span>`;
    return `<div class="message mine"><div class="bubble">${escapeHtml(entry.text)}</div>
      <div class="meta">to ${escapeHtml(entry.channel)} · ${time(entry.sentAt)} · ${outcome}</div></div>`;
  }
  const reports = entry.reports.map((report) => `${report.status}${report.duplicate ? ' (again)' : ''} → ${report.httpStatus ?? report.error ?? 'no answer'}`).join('\n');
  const tags = [
    `<span class="badge status-${entry.status}" title="${escapeHtml(reports || 'no delivery report posted yet')}">${STATUS_LABEL[entry.status]}${entry.errorCode ? ` · ${escapeHtml(entry.errorCode)}` : ''}</span>`,
    entry.attempt > 1 ? `<span class="badge warn" title="requests for this message">attempt ${entry.attempt}</span>` : '',
    entry.answered ? '' : '<span class="badge warn" title="the simulator took the message and never answered the request">unanswered</span>',
    entry.segments > 1 ? `<span class="badge">${entry.segments} segments</span>` : '',
  ].join('');
  return `<div class="message theirs"><div class="sender">${escapeHtml(entry.channel)} <span class="provider provider-${entry.provider}">${escapeHtml(entry.provider)}</span></div>
    <div class="bubble">${escapeHtml(entry.text)}</div>
    <div class="meta">${time(entry.receivedAt)} · ${tags}</div></div>`;
}

/** A phone's own carrier settings (set with `PUT /sim/api/behaviour {"phone": …}`), so a demo shows why it fails. */
function phoneBehaviour(phone: string): string {
  const overrides = state.behaviour?.phones[phone];
  if (!overrides || Object.keys(overrides).length === 0) return '';
  const described = Object.entries(overrides)
    .map(([key, value]) => `${key} ${value === null ? 'default' : String(value)}`)
    .join(', ');
  return `<span class="badge warn" title="carrier behaviour for this phone">${escapeHtml(described)}</span>`;
}

async function renderThread(): Promise<void> {
  const header = element<HTMLDivElement>('thread-header');
  const thread = element<HTMLDivElement>('thread');
  const compose = element<HTMLFormElement>('compose');
  if (!state.selected) {
    header.innerHTML = '<h1>No phone selected</h1>';
    thread.innerHTML = '<p class="empty">Pick a phone on the left to see its conversation and text a channel from it.</p>';
    compose.hidden = true;
    return;
  }
  const selected = state.selected;
  const phone = state.phones.find((candidate) => candidate.phone === selected);
  header.innerHTML = `<h1>${escapeHtml(phone?.name ?? selected)}</h1>${phone?.name ? `<span class="muted">${escapeHtml(selected)}</span>` : ''}${phoneBehaviour(selected)}`;
  compose.hidden = false;
  const { entries } = await api<{ entries: ThreadEntry[] }>(`/sim/api/phones/${encodeURIComponent(selected)}/thread`);
  if (state.selected !== selected) return;
  const atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40;
  thread.innerHTML = entries.length === 0 ? '<p class="empty">No messages yet. Write the first one below.</p>' : entries.map(bubble).join('');
  if (atBottom) thread.scrollTop = thread.scrollHeight;
}

function renderBehaviour(snapshot: BehaviourSnapshot): void {
  const form = element<HTMLFormElement>('behaviour');
  // Leave the form alone while someone is editing it.
  if (form.contains(document.activeElement)) return;
  const global: Behaviour = snapshot.global;
  for (const [key, value] of Object.entries(global)) {
    const input = form.elements.namedItem(key);
    if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = Boolean(value);
    else if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement) input.value = value === null ? '' : String(value);
  }
}

async function refreshPhones(): Promise<void> {
  state.phones = (await api<{ phones: PhoneSummary[] }>('/sim/api/phones')).phones;
  if (!state.selected && state.phones.length > 0) select(state.phones[0].phone);
  renderPhones();
}

async function refreshChannels(): Promise<void> {
  state.channels = (await api<{ numbers: Channel[] }>('/sim/api/numbers')).numbers;
  renderChannels();
}

async function refreshBehaviour(): Promise<void> {
  state.behaviour = await api<BehaviourSnapshot>('/sim/api/behaviour');
  renderBehaviour(state.behaviour);
}

function select(phone: string): void {
  state.selected = phone;
  history.replaceState(null, '', `#${encodeURIComponent(phone)}`);
  renderPhones();
  void renderThread();
}

let pending: { phones: boolean; thread: boolean; channels: boolean; behaviour: boolean } | null = null;

/** Bursts of changes (a report posted twice, a batch of sends) become one refetch. */
function scheduleRefresh(change: TrafficChange | null): void {
  pending ??= { phones: false, thread: false, channels: false, behaviour: false };
  const all = change === null;
  pending.phones ||= all || ['send', 'inbound', 'phone', 'cleared', 'report'].includes(change.kind);
  pending.thread ||= all || change.phone === undefined || change.phone === state.selected;
  pending.channels ||= all || change.kind === 'numbers';
  pending.behaviour ||= all || change.kind === 'behaviour';
  setTimeout(() => {
    if (!pending) return;
    const due = pending;
    pending = null;
    Promise.all([
      due.phones ? refreshPhones() : undefined,
      due.channels ? refreshChannels() : undefined,
      due.behaviour ? refreshBehaviour() : undefined,
    ])
      .then(() => (due.thread || due.phones || due.behaviour ? renderThread() : undefined))
      .catch(() => setLive('offline'));
  }, 80);
}

function setLive(connection: 'live' | 'connecting' | 'offline'): void {
  const live = element<HTMLDivElement>('live');
  live.dataset['state'] = connection;
  live.textContent = connection === 'live' ? 'live' : connection === 'connecting' ? 'connecting…' : 'simulator not answering';
}

/** Server-sent events, with polling every second while the stream is down so the page never goes stale. */
function connect(): void {
  const events = new EventSource('/sim/api/events');
  let poll: number | undefined;
  events.onopen = () => {
    setLive('live');
    window.clearInterval(poll);
    poll = undefined;
    scheduleRefresh(null);
  };
  events.addEventListener('change', (event) => scheduleRefresh(JSON.parse((event as MessageEvent<string>).data) as TrafficChange));
  events.onerror = () => {
    setLive('connecting');
    poll ??= window.setInterval(() => scheduleRefresh(null), 1000);
  };
}

function numberOrUndefined(value: FormDataEntryValue | null): number | undefined {
  return value === null || value === '' ? undefined : Number(value);
}

function wireForms(): void {
  element<HTMLUListElement>('phone-list').addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-phone]');
    if (button?.dataset['phone']) select(button.dataset['phone']);
  });

  const addPhone = element<HTMLFormElement>('add-phone');
  addPhone.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(addPhone);
    const name = String(data.get('name') ?? '').trim();
    api<{ phone: string }>('/sim/api/phones', { method: 'POST', body: JSON.stringify({ phone: String(data.get('phone') ?? ''), ...(name ? { name } : {}) }) })
      .then(({ phone }) => {
        addPhone.reset();
        showError('add-phone', '');
        return refreshPhones().then(() => select(phone));
      })
      .catch((error: Error) => showError('add-phone', error.message));
  });

  const compose = element<HTMLFormElement>('compose');
  const textArea = compose.querySelector('textarea') as HTMLTextAreaElement;
  textArea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      compose.requestSubmit();
    }
  });
  compose.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = textArea.value;
    const to = element<HTMLSelectElement>('channel-select').value;
    if (!state.selected || !text.trim()) return;
    if (!to) return showError('compose', 'Register a channel first: the simulator only knows numbers registered with PUT /sim/api/numbers.');
    textArea.value = '';
    api<{ message: { error: string | null } }>(`/sim/api/phones/${encodeURIComponent(state.selected)}/messages`, {
      method: 'POST',
      body: JSON.stringify({ to, text }),
    })
      .then((result) => showError('compose', result.message.error ?? ''))
      .catch((error: Error) => {
        textArea.value = text;
        showError('compose', error.message);
      });
  });

  const behaviour = element<HTMLFormElement>('behaviour');
  behaviour.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(behaviour);
    const errorCode = String(data.get('errorCode') ?? '').trim();
    const body = {
      outcome: data.get('outcome'),
      errorCode: errorCode || null,
      latencyMs: numberOrUndefined(data.get('latencyMs')),
      duplicates: data.get('duplicates') === 'on',
      outOfOrder: data.get('outOfOrder') === 'on',
      serverErrorRate: numberOrUndefined(data.get('serverErrorRate')),
      throttleRate: numberOrUndefined(data.get('throttleRate')),
      timeoutRate: numberOrUndefined(data.get('timeoutRate')),
      retryAfterSeconds: numberOrUndefined(data.get('retryAfterSeconds')),
    };
    api<BehaviourSnapshot>('/sim/api/behaviour', { method: 'PUT', body: JSON.stringify(body) })
      .then((snapshot) => {
        showError('behaviour', '');
        (document.activeElement as HTMLElement | null)?.blur();
        state.behaviour = snapshot;
        renderBehaviour(snapshot);
      })
      .catch((error: Error) => showError('behaviour', error.message));
  });
}

wireForms();
void renderThread();
connect();
