import type { OptionSpec, ParsedArgs } from './args.js';

/** One command of `npm run cli -- <name> [options]`. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Every option it accepts (anything else is refused before it runs); --help is always accepted. */
  options: OptionSpec;
  /** Whether it takes positional arguments besides its name (none do by default). */
  positionals?: boolean;
  /** Resolves to the exit code. */
  run(args: ParsedArgs): Promise<number>;
}
