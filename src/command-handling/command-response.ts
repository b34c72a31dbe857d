/** What every command answers: the aggregate's id, its revision and the log position after the command. */
export interface CommandResult {
  id: string;
  revision: number;
  position: string;
  [extra: string]: unknown;
}

// The bulk intake's controller (src/contributions/import, being rewritten for issue 10) still takes ApiProblems
// from here; once that rewrite merges it takes it from src/http/api-problems.ts and this re-export goes.
export { ApiProblems } from '../http/api-problems.js';
