import 'reflect-metadata';
import { ConfigError } from '../config/app-config.js';
import { ArgumentError, parseCommandLine } from './args.js';
import type { CliCommand } from './cli-command.js';
import { projectionsCommand } from './commands/projections.command.js';
import { rebuildCommand } from './commands/rebuild.command.js';
import { digestCommand } from './commands/digest.command.js';
import { verifyCommand } from './commands/verify.command.js';
import { copyLogCommand } from './commands/copy-log.command.js';
import { importCommand } from './commands/import.command.js';

const COMMANDS: CliCommand[] = [projectionsCommand, rebuildCommand, verifyCommand, digestCommand, copyLogCommand, importCommand];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Consultation Record — command line for auditors and operators',
    '',
    'usage: npm run cli -- <command> [options]     (npm run cli -- <command> --help for its options)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'The CLI reads the same configuration as the service (DATABASE_URL, or the embedded PostgreSQL in DATA_DIR).',
  ].join('\n');
}

/** Exit codes: what the command answers; 2 for a command line it does not accept. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`unknown command "${name}" (known: ${COMMANDS.map((c) => c.name).join(', ')})\n\n${help()}`);
    return 2;
  }
  let args;
  try {
    args = parseCommandLine(rest, command.options, { positionals: command.positionals });
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    console.error(`${command.name}: ${error.message}\nusage: ${command.usage}`);
    return 2;
  }
  if (args.options.help === true) {
    console.log(`usage: ${command.usage}`);
    return 0;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
