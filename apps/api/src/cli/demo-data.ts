import { Provider, Role, SenderType } from '@backtalk/contracts';

// The demo's people, channels and first conversations, shared by the seed, the first-launch conversations and the
// banner `npm start` prints, so what the banner promises is what the seed made.

export const DEMO_PASSWORDS = { admin: 'backtalk-demo-admin', others: 'backtalk-demo-agent' } as const;

export const DEMO_PEOPLE = [
  { email: 'admin@backtalk.local', name: 'Ada Admin', role: Role.Admin, teams: ['Support', 'Billing'] },
  { email: 'supervisor@backtalk.local', name: 'Sofia Supervisor', role: Role.Supervisor, teams: ['Support'] },
  { email: 'agent@backtalk.local', name: 'Andriy Agent', role: Role.Agent, teams: ['Support'] },
  { email: 'agent2@backtalk.local', name: 'Maria Agent', role: Role.Agent, teams: ['Support'] },
  { email: 'billing@backtalk.local', name: 'Bohdan Billing', role: Role.Agent, teams: ['Billing'] },
] as const;

export function demoPassword(person: { role: Role }): string {
  return person.role === Role.Admin ? DEMO_PASSWORDS.admin : DEMO_PASSWORDS.others;
}

/**
 * Demo channels that send through the carrier simulator (apps/carrier-sim) instead of a real provider, so the demo
 * needs no carrier account. Their credentials are the simulator's, not secrets: never used against a real carrier.
 * Prices per segment are roughly what the providers ask, each in the currency it is billed in: Twilio's US long code
 * in US dollars, an aggregator's A2P rate into Ukraine in hryvnias (about $0.045), so the composer's cost estimate
 * shows real orders of magnitude and the reports show costs in two currencies, never added up; smart encoding is on
 * so the composer shows which look-alike characters it replaces to stay in GSM-7.
 */
export const DEMO_CHANNELS = [
  {
    team: 'Support',
    name: 'Support line',
    provider: Provider.Twilio,
    sender: '+15005550006',
    senderType: SenderType.LongCode,
    country: 'US',
    helpText: 'Acme support: reply with your question, or call 0 800 123 456. Reply STOP to opt out.',
    pricePerSegment: 0.0079,
    currency: 'USD',
    smartEncoding: true,
    secrets: { accountSid: 'ACsim00000000000000000000000000001', authToken: 'sim-twilio-auth-token' },
  },
  {
    team: 'Billing',
    name: 'Billing line',
    provider: Provider.Infobip,
    sender: '+380931234567',
    senderType: SenderType.LongCode,
    country: 'UA',
    helpText: 'Acme billing: reply with your invoice number. Reply STOP to opt out.',
    pricePerSegment: 1.85,
    currency: 'UAH',
    smartEncoding: true,
    secrets: { apiKey: 'sim-infobip-api-key', basicAuthUsername: 'backtalk-sim', basicAuthPassword: 'sim-infobip-webhook-password' },
  },
] as const;

export type DemoChannelName = (typeof DEMO_CHANNELS)[number]['name'];

/** One step of a demo conversation: the customer texts in through the simulator, or a demo agent acts in the console. */
export type DemoStep = { customer: string } | { agentReply: string } | { agentResolves: true };

export interface DemoConversation {
  phone: string;
  channel: DemoChannelName;
  /** Who answers and resolves, when the script has an agent step. */
  agent?: (typeof DEMO_PEOPLE)[number]['email'];
  steps: DemoStep[];
}

/**
 * What the inbox shows on first launch: a delivery question waiting in the queue, a Ukrainian one about the courier,
 * a refund for Billing, a customer who opted out and one conversation an agent already answered and resolved. The US
 * numbers are in 555-01xx, which is reserved for fiction.
 */
export const DEMO_CONVERSATIONS: DemoConversation[] = [
  {
    phone: '+12025550143',
    channel: 'Support line',
    steps: [{ customer: 'Hi, my order 48213 was supposed to arrive yesterday and the tracking has not moved since Monday. Any news on the delivery?' }],
  },
  {
    phone: '+380501234567',
    channel: 'Support line',
    steps: [{ customer: 'Добрий день! Кур’єр мав приїхати сьогодні до 14:00, але так і не з’явився. Коли буде нова доставка? Замовлення 48377' }],
  },
  {
    phone: '+380671112233',
    channel: 'Billing line',
    steps: [{ customer: 'Hello, I sent the blender back two weeks ago and the refund still is not on my card. Invoice INV-2025-0193.' }],
  },
  {
    phone: '+12025550187',
    channel: 'Support line',
    steps: [{ customer: 'Please stop texting me about the sale.' }, { customer: 'STOP' }],
  },
  {
    phone: '+380931112233',
    channel: 'Support line',
    agent: 'agent@backtalk.local',
    steps: [
      { customer: 'Do you deliver on Sundays?' },
      { agentReply: 'Yes, we deliver every day from 9:00 to 21:00, Sundays included.' },
      { customer: 'Great, thanks!' },
      { agentResolves: true },
    ],
  },
];

export interface BannerUrls {
  console: string;
  api: string;
  simulator: string;
}

/** What `npm start` prints once everything runs: where to go, and every demo sign-in. */
export function startBanner(urls: BannerUrls, notes: readonly string[] = []): string {
  const width = Math.max(...DEMO_PEOPLE.map((person) => person.email.length));
  const people = DEMO_PEOPLE.map((person) => `    ${person.email.padEnd(width)}  ${demoPassword(person).padEnd(DEMO_PASSWORDS.admin.length)}  ${person.role}, ${person.teams.join(' and ')}`);
  return [
    '',
    '  Backtalk is running.',
    '',
    `  Console           ${urls.console}`,
    `  Customer phones   ${urls.simulator}   (the carrier simulator: text the Support line as a customer)`,
    `  API               ${urls.api}   (docs at ${urls.api}/api/docs)`,
    '',
    '  Sign in to the console as:',
    ...people,
    '',
    '  Text in from the command line: npm run sim -- send --from +380501234567 --to "Support line" "Де моє замовлення?"',
    ...notes.map((note) => `  ${note}`),
    '  Ctrl+C stops everything.',
    '',
  ].join('\n');
}
