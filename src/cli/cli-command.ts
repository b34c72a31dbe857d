/** One command of `npm run cli -- <name> [options]`. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Resolves to the exit code. */
  run(args: { positional: string[]; options: Record<string, string | true> }): Promise<number>;
}
