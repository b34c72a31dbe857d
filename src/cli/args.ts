import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';

/** The options a command accepts, as node:util's parseArgs declares them. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  positional: string[];
  /** A string option's value, or true for a flag given. */
  options: Record<string, string | true>;
}

/** A command line the program does not accept: an unknown option or argument, a missing value. */
export class ArgumentError extends Error {}

/**
 * Strict parsing for the CLIs: every option must be declared (`--help`/`-h` always is), a string
 * option needs its value, and positional arguments only where the command takes some. The error
 * names what was wrong.
 */
export function parseCommandLine(argv: readonly string[], options: OptionSpec, { positionals = false } = {}): ParsedArgs {
  try {
    const { values, positionals: rest } = parseNodeArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      strict: true,
      allowPositionals: positionals,
    });
    const parsed: Record<string, string | true> = {};
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === 'string') parsed[name] = value;
      else if (value === true) parsed[name] = true;
    }
    return { positional: rest, options: parsed };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    const known = Object.keys(options).map((o) => `--${o}`);
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new ArgumentError(code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `${message} (known: ${[...known, '--help'].join(', ')})` : message);
  }
}
