import 'reflect-metadata';
import { ConfigError } from '../config/app-config.js';
import { parseArgs } from './args.js';
import type { CliCommand } from './cli-command.js';
import { projectionsCommand } from './commands/projections.command.js';
import { rebuildCommand } from './commands/rebuild.command.js';
import { digestCommand } from './commands/digest.command.js';
import { verifyCommand } from './commands/verify.command.js';
import { copyLogCommand } from './commands/copy-log.command.js';

const COMMANDS: CliCommand[] = [projectionsCommand, rebuildCommand, verifyCommand, digestCommand, copyLogCommand];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Consultation Record — command line for auditors and operators',
    '',
    'usage: npm run cli -- <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'The CLI reads the same configuration as the service (DATABASE_URL, or the embedded PostgreSQL in DATA_DIR).',
  ].join('\n');
}

async function main(): Promise<number> {
  const { positional, options } = parseArgs(process.argv.slice(2));
  const [name, ...rest] = positional;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command || options.help === true) {
    if (command) console.log(`usage: ${command.usage}`);
    else console.log(help());
    return name && !command ? 2 : 0;
  }
  return command.run({ positional: rest, options });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
