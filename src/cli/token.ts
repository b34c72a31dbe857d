import { ConfigError, loadConfig } from '../config/app-config.js';
import { resolveSecrets } from '../security/secrets.js';
import { ROLES, signToken, type UserRole } from '../security/tokens.js';
import { ArgumentError, parseCommandLine } from './args.js';

const USAGE = `Prints a bearer token signed with the service's secret (AUTH_JWT_SECRET, or DATA_DIR/secrets.json).

  TOKEN=$(npm run -s token -- --role poc --institution "Office of the Prime Minister")
  npm run token -- --role <role> [--institution <name>] [--sub <id>] [--ttl 12h] [--base-url http://localhost:3000]

  roles: ${ROLES.join(', ')}; an lfp needs --institution; a stakeholder's --sub is its stakeholder id.
  When a service answers at --base-url (or BASE_URL, default http://localhost:$PORT), the token is tried
  on it, and a warning says so on stderr if that service uses another secret.`;

const OPTIONS = {
  role: { type: 'string' },
  institution: { type: 'string' },
  sub: { type: 'string' },
  ttl: { type: 'string' },
  'base-url': { type: 'string' },
} as const;

/**
 * Does the service at `baseUrl` accept the token? A public read with the token: the service checks
 * any token it is given and answers 401 AUTH.INVALID_TOKEN to one signed with another secret.
 * Null when no service answers there (nothing to compare with).
 */
async function acceptedBy(baseUrl: string, token: string): Promise<boolean | null> {
  try {
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/v1/cycles?limit=1`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(2000),
    });
    if (res.status !== 401) return true;
    const body = (await res.json().catch(() => ({}))) as { code?: string };
    return body.code === 'AUTH.INVALID_TOKEN' ? false : true;
  } catch {
    return null;
  }
}


async function main(): Promise<number> {
  const { options } = parseCommandLine(process.argv.slice(2), OPTIONS);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const role = options.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw new ArgumentError(`--role must be one of ${ROLES.join(', ')}`);
  const institution = typeof options.institution === 'string' ? options.institution : undefined;
  if (role === 'lfp' && !institution) throw new ArgumentError('an lfp token needs --institution');
  const sub = typeof options.sub === 'string' ? options.sub : `${role}-local`;
  const ttl = typeof options.ttl === 'string' ? options.ttl : '12h';
  const config = loadConfig();
  const secrets = await resolveSecrets(config);
  const source = config.AUTH_JWT_SECRET ? 'AUTH_JWT_SECRET' : secrets.source;
  const token = await signToken(secrets.authJwtSecret, { sub, role: role as UserRole, institution }, ttl);
  console.log(token);
  // BASE_URL is the client's setting (as for npm run demo), not the service's.
  const baseUrl = typeof options['base-url'] === 'string' ? options['base-url'] : (process.env.BASE_URL ?? `http://localhost:${config.PORT}`);
  if ((await acceptedBy(baseUrl, token)) === false) {
    console.error(
      `warning: the service at ${baseUrl} rejects this token: it uses another secret than the one this token was signed with (${source}). ` +
        "Run npm run token with the service's DATA_DIR, or with its AUTH_JWT_SECRET.",
    );
    return 3;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ArgumentError) console.error(`token: ${error.message}\n\n${USAGE}`);
    else console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
