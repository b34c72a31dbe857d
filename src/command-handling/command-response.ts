/** What every command answers: the aggregate's id, its revision and the log position after the command. */
export interface CommandResult {
  id: string;
  revision: number;
  position: string;
  [extra: string]: unknown;
}
