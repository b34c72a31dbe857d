// The bulk intake (src/contributions/import, being rewritten for issue 10) still imports these from here;
// once that rewrite merges it takes them from src/http/command-meta.ts and src/command-handling/command-meta.ts,
// and this file goes.
export { CommandRequest, commandMeta } from '../http/command-meta.js';
export type { CommandMeta } from './command-meta.js';
