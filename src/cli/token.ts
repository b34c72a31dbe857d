import { ConfigError, loadConfig } from '../config/app-config.js';
import { resolveSecrets } from '../security/secrets.js';
import { ROLES, signToken, type UserRole } from '../security/tokens.js';
import { parseArgs } from './args.js';

const USAGE = `Prints a bearer token signed with the service's secret (AUTH_JWT_SECRET, or DATA_DIR/secrets.json).

  npm run token -- --role poc --institution "Office of the Prime Minister" [--sub <id>] [--ttl 12h]
  roles: ${ROLES.join(', ')}; an lfp needs --institution; a stakeholder's --sub is its stakeholder id.`;

async function main(): Promise<void> {
  const { options } = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const role = options.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}\n\n${USAGE}`);
  const institution = typeof options.institution === 'string' ? options.institution : undefined;
  if (role === 'lfp' && !institution) throw new Error(`an lfp token needs --institution\n\n${USAGE}`);
  const sub = typeof options.sub === 'string' ? options.sub : `${role}-local`;
  const ttl = typeof options.ttl === 'string' ? options.ttl : '12h';
  const secrets = await resolveSecrets(loadConfig());
  console.log(await signToken(secrets.authJwtSecret, { sub, role: role as UserRole, institution }, ttl));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(2);
});
