import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { UsersService } from '@backtalk/auth';
import { PASSWORD_MIN_LENGTH, Role } from '@backtalk/contracts';
import { withApiContext } from './nest-context';

const USAGE = 'usage: npm run admin:create -- --email <email> --password <password> [--name <name>]';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email || !values.password) throw new Error(USAGE);
  if (values.password.length < PASSWORD_MIN_LENGTH) throw new Error(`The password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  const admin = await withApiContext((context) =>
    context.get(UsersService).create({ email: values.email!, password: values.password!, name: values.name ?? values.email!.split('@')[0], role: Role.Admin }),
  );
  process.stdout.write(`created admin ${admin.email} (${admin.id})\n`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
