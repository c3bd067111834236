import 'reflect-metadata';
import { TeamsService, UsersService } from '@backtalk/auth';
import { Role } from '@backtalk/contracts';
import { withApiContext } from './nest-context';

export const DEMO_PASSWORDS = { admin: 'backtalk-demo-admin', others: 'backtalk-demo-agent' } as const;

const TEAMS = [
  { name: 'Support', description: 'First line: orders, deliveries, accounts' },
  { name: 'Billing', description: 'Payments, refunds and invoices' },
];

const PEOPLE = [
  { email: 'admin@backtalk.local', name: 'Ada Admin', role: Role.Admin, teams: ['Support', 'Billing'] },
  { email: 'supervisor@backtalk.local', name: 'Sofia Supervisor', role: Role.Supervisor, teams: ['Support'] },
  { email: 'agent@backtalk.local', name: 'Andriy Agent', role: Role.Agent, teams: ['Support'] },
  { email: 'agent2@backtalk.local', name: 'Maria Agent', role: Role.Agent, teams: ['Support'] },
  { email: 'billing@backtalk.local', name: 'Bohdan Billing', role: Role.Agent, teams: ['Billing'] },
];

/** Demo data for a first look. Idempotent: running it again changes nothing that exists. */
async function main(): Promise<void> {
  await withApiContext(async (context) => {
    const users = context.get(UsersService);
    const teams = context.get(TeamsService);
    const systemActor = { kind: 'user', userId: 'seed', role: Role.Admin, teamIds: [] } as const;

    const existingTeams = await teams.list(systemActor);
    const teamIdByName = new Map(existingTeams.map((team) => [team.name, team.id]));
    for (const team of TEAMS) {
      if (!teamIdByName.has(team.name)) teamIdByName.set(team.name, (await teams.create(team)).id);
    }
    const existingEmails = new Set((await users.list(systemActor)).map((user) => user.email));
    for (const person of PEOPLE) {
      if (existingEmails.has(person.email)) continue;
      await users.create({
        email: person.email,
        name: person.name,
        role: person.role,
        password: person.role === Role.Admin ? DEMO_PASSWORDS.admin : DEMO_PASSWORDS.others,
        teamIds: person.teams.map((name) => teamIdByName.get(name)!),
      });
    }
  });
  process.stdout.write(`demo data ready: admin@backtalk.local / ${DEMO_PASSWORDS.admin}; agent@backtalk.local, supervisor@backtalk.local, billing@backtalk.local / ${DEMO_PASSWORDS.others}\n`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
