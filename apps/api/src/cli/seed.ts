import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SYSTEM_USER_ACTOR, TeamsService, UsersService } from '@backtalk/auth';
import { CannedAnswersService, RulesService } from '@backtalk/automation';
import { ChannelsService } from '@backtalk/channels';
import { AssignmentPolicy, type ChannelSecretsInput, ConversationStatus, type CreateCannedAnswerRequest, RuleTrigger, type UpdateTeamRoutingRequest } from '@backtalk/contracts';
import { TeamRoutingService } from '@backtalk/routing';
import { DEMO_CHANNELS, DEMO_PEOPLE, demoPassword } from './demo-data';
import { withApiContext } from './nest-context';

const WEEKDAYS_9_TO_18 = { start: '09:00', end: '18:00' };

const TEAMS: Array<{ name: string; description: string; routing: UpdateTeamRoutingRequest }> = [
  {
    name: 'Support',
    description: 'First line: orders, deliveries, accounts',
    // Agents take conversations from the queue; switch the team to round robin in Settings → Teams to assign them.
    routing: { policy: AssignmentPolicy.Manual, defaultCapacity: 5, reassignOfflineAfterSeconds: 300, sla: { firstResponseMinutes: 15, nextResponseMinutes: 60, businessHoursOnly: false } },
  },
  {
    name: 'Billing',
    description: 'Payments, refunds and invoices',
    routing: {
      policy: AssignmentPolicy.Manual,
      businessHours: { timeZone: 'Europe/Kyiv', weekly: { mon: [WEEKDAYS_9_TO_18], tue: [WEEKDAYS_9_TO_18], wed: [WEEKDAYS_9_TO_18], thu: [WEEKDAYS_9_TO_18], fri: [WEEKDAYS_9_TO_18] }, holidays: [] },
      outOfOfficeMessage: 'Acme billing is closed now. We answer on weekdays from 9:00 to 18:00 (Kyiv time).',
      sla: { firstResponseMinutes: 60, nextResponseMinutes: 240, businessHoursOnly: true },
    },
  },
];

const DEMO_CANNED_ANSWERS: CreateCannedAnswerRequest[] = [
  { shortcode: 'hi', title: 'Greeting', body: 'Hi {{contact.first_name}}, this is {{agent.first_name}} from Acme support. How can I help?' },
  {
    shortcode: 'where',
    title: 'Where is my order',
    body: 'Your order is on its way. You can follow it at acme.example/track with your order number.',
    autoReply: true,
    examples: [
      'Where is my order?',
      'When will my parcel arrive?',
      'Track my order',
      'My order has not arrived yet',
      'Any news about my delivery?',
      'Де моє замовлення?',
      'Коли прийде моя посилка?',
      'Статус замовлення',
      'Где мой заказ?',
      'Когда придет посылка?',
    ],
  },
  {
    shortcode: 'refunded',
    title: 'Refund issued',
    body: 'Hi {{contact.first_name}}, your refund is on its way: it shows on your card within 3-5 working days.',
    examples: [
      'Where is my refund?',
      'When do I get my money back?',
      'Refund status please',
      'I returned the item, no refund yet',
      'Has my refund been processed?',
      'Де мої гроші за повернення?',
      'Коли повернуть кошти?',
      'Повернення коштів',
      'Когда вернут деньги?',
      'Где мой возврат?',
    ],
  },
  { shortcode: 'bye', title: 'Closing', body: 'Glad I could help. Just reply here if anything else comes up!' },
];

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/**
 * Demo data for a first look. Idempotent: running it again changes nothing that exists. With
 * `--demo-channels <numbers file> --sim-url <url>` it also creates the demo channels and writes the file the carrier
 * simulator reads to play their carrier.
 */
async function main(): Promise<void> {
  const numbersFile = option('--demo-channels');
  const simUrl = option('--sim-url') ?? 'http://127.0.0.1:4010';
  await withApiContext(async (context) => {
    const users = context.get(UsersService);
    const teams = context.get(TeamsService);
    const systemActor = SYSTEM_USER_ACTOR;

    const existingTeams = await teams.list(systemActor);
    const teamIdByName = new Map(existingTeams.map((team) => [team.name, team.id]));
    const routing = context.get(TeamRoutingService);
    for (const team of TEAMS) {
      if (teamIdByName.has(team.name)) continue;
      const created = await teams.create({ name: team.name, description: team.description });
      teamIdByName.set(team.name, created.id);
      await routing.update(systemActor, created.id, team.routing);
    }
    const existingEmails = new Set((await users.list(systemActor)).map((user) => user.email));
    for (const person of DEMO_PEOPLE) {
      if (existingEmails.has(person.email)) continue;
      await users.create({
        email: person.email,
        name: person.name,
        role: person.role,
        password: demoPassword(person),
        teamIds: person.teams.map((name) => teamIdByName.get(name)!),
      });
    }

    const cannedAnswers = context.get(CannedAnswersService);
    const existingShortcodes = new Set((await cannedAnswers.list(systemActor)).map((answer) => answer.shortcode));
    for (const answer of DEMO_CANNED_ANSWERS) if (!existingShortcodes.has(answer.shortcode)) await cannedAnswers.create(systemActor, answer);

    const rules = context.get(RulesService);
    if ((await rules.list(systemActor)).length === 0) {
      // Off until an admin has tried it in the test bench with their own FAQs: a wrong automatic answer is worse than none.
      await rules.create(systemActor, {
        enabled: false,
        name: 'Answer FAQs on their own',
        trigger: RuleTrigger.InboundMessage,
        conditions: [{ type: 'faq_match', minConfidence: 0.8 }],
        actions: [{ type: 'reply', cannedAnswerId: 'matched_faq' }, { type: 'set_status', status: ConversationStatus.Pending }],
      });
    }

    if (!numbersFile) return;
    const channels = context.get(ChannelsService);
    const existing = await channels.list(systemActor);
    const registrations = [];
    for (const demo of DEMO_CHANNELS) {
      const secrets: ChannelSecretsInput = { ...demo.secrets, baseUrl: simUrl };
      const channel =
        existing.find((found) => found.provider === demo.provider && found.sender === demo.sender) ??
        (await channels.create({
          teamId: teamIdByName.get(demo.team)!,
          name: demo.name,
          provider: demo.provider,
          sender: demo.sender,
          senderType: demo.senderType,
          country: demo.country,
          helpText: demo.helpText,
          pricePerSegment: demo.pricePerSegment,
          currency: demo.currency,
          smartEncoding: demo.smartEncoding,
          secrets,
        }));
      registrations.push({ provider: demo.provider, sender: channel.sender, name: demo.name, inboundWebhookUrl: channel.webhookUrl, credentials: demo.secrets });
    }
    mkdirSync(dirname(numbersFile), { recursive: true });
    writeFileSync(numbersFile, JSON.stringify(registrations, null, 2));
  });
  process.stdout.write(`demo data ready: ${DEMO_PEOPLE.map((person) => `${person.email} / ${demoPassword(person)}`).join('; ')}\n`);
  if (numbersFile) process.stdout.write(`demo channels send through the carrier simulator at ${simUrl} (numbers in ${numbersFile})\n`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
