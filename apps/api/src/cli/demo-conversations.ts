import { type ChannelView, ConversationStatus, type ConversationView, type Page } from '@backtalk/contracts';
import { DEMO_CHANNELS, DEMO_CONVERSATIONS, DEMO_PEOPLE, type DemoConversation, demoPassword } from './demo-data';

// The demo inbox's first conversations, made the way real ones are: customers text in through the carrier simulator,
// which posts signed webhooks to the running API, and demo agents answer and resolve through the REST API. Nothing
// is written to the database directly, so the demo shows what ingestion, routing and the console really do.

export interface DemoConversationsOptions {
  apiUrl: string;
  simUrl: string;
}

export type DemoConversationsResult = { created: number } | { created: 0; skipped: 'no demo channels' | 'the demo channels already have conversations' };

class DemoApi {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly apiUrl: string) {}

  async call<T>(email: string, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const token = await this.token(email);
    return request<T>(`${this.apiUrl}${path}`, method, body, { authorization: `Bearer ${token}`, ...headers });
  }

  private async token(email: string): Promise<string> {
    const known = this.tokens.get(email);
    if (known) return known;
    const person = DEMO_PEOPLE.find((candidate) => candidate.email === email);
    if (!person) throw new Error(`${email} is not a demo account`);
    const { accessToken } = await request<{ accessToken: string }>(`${this.apiUrl}/api/auth/login`, 'POST', { email, password: demoPassword(person) });
    this.tokens.set(email, accessToken);
    return accessToken;
  }
}

async function request<T>(url: string, method: 'GET' | 'POST' | 'PUT', body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

const ADMIN = DEMO_PEOPLE[0].email;

/**
 * Plays the demo conversations once: only while the demo channels have no conversation at all (in any status), so
 * every later `npm start` leaves the inbox as the person using it left it. Without demo channels it does nothing.
 */
export async function seedDemoConversations(options: DemoConversationsOptions): Promise<DemoConversationsResult> {
  const api = new DemoApi(options.apiUrl);
  const channels = await api.call<ChannelView[]>(ADMIN, 'GET', '/api/channels');
  const demoChannels = new Map<string, ChannelView>();
  for (const demo of DEMO_CHANNELS) {
    const channel = channels.find((candidate) => candidate.provider === demo.provider && candidate.sender === demo.sender);
    if (channel) demoChannels.set(demo.name, channel);
  }
  if (demoChannels.size === 0) return { created: 0, skipped: 'no demo channels' };
  for (const channel of demoChannels.values()) {
    for (const status of Object.values(ConversationStatus)) {
      const page = await api.call<Page<ConversationView>>(ADMIN, 'GET', `/api/conversations?view=all&channelId=${channel.id}&status=${status}&limit=1`);
      if (page.items.length > 0) return { created: 0, skipped: 'the demo channels already have conversations' };
    }
  }

  let created = 0;
  for (const script of DEMO_CONVERSATIONS) {
    const channel = demoChannels.get(script.channel);
    if (!channel) continue;
    await play(api, options.simUrl, channel, script);
    created += 1;
  }
  return { created };
}

async function play(api: DemoApi, simUrl: string, channel: ChannelView, script: DemoConversation): Promise<void> {
  let conversationId: string | null = null;
  for (const [index, step] of script.steps.entries()) {
    if ('customer' in step) {
      // The simulator answers once Backtalk acknowledged the webhook, which is after the message is committed.
      const answer = await request<{ message: { error: string | null } }>(`${simUrl}/sim/api/phones/${encodeURIComponent(script.phone)}/messages`, 'POST', { to: channel.sender, text: step.customer });
      if (answer.message.error) throw new Error(`the simulator could not deliver ${script.phone}'s text: ${answer.message.error}`);
      continue;
    }
    const agent = script.agent ?? ADMIN;
    conversationId ??= await conversationOf(api, agent, channel, script.phone);
    if ('agentReply' in step) {
      await api.call(agent, 'POST', `/api/conversations/${conversationId}/messages`, { body: step.agentReply }, { 'idempotency-key': `demo-${script.phone}-${index}` });
    } else {
      await api.call(agent, 'POST', `/api/conversations/${conversationId}/resolve`);
    }
  }
}

async function conversationOf(api: DemoApi, agent: string, channel: ChannelView, phone: string): Promise<string> {
  const page = await api.call<Page<ConversationView>>(agent, 'GET', `/api/conversations?view=all&channelId=${channel.id}&limit=200`);
  const conversation = page.items.find((candidate) => candidate.contact.phone === phone);
  if (!conversation) throw new Error(`no conversation with ${phone} on ${channel.name} after the customer's text`);
  return conversation.id;
}
