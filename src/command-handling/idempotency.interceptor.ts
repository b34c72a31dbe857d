// The bulk intake (src/contributions/import, being rewritten for issue 10) still imports stableStringify from
// here; the interceptor itself lives in src/http. This re-export goes when that rewrite merges.
export { stableStringify } from '../shared/stable-stringify.js';
