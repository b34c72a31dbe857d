// Builds dist/ with `tsc -p tsconfig.build.json` only when a source file changed since the last
// build (or always, with --always), so that `npm run token`, `cli` and `demo` start at once when
// the build is current. tsc's output goes to stderr: stdout stays the command's own (a token).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const STAMP = 'dist/.build-stamp';
const SOURCE_DIRS = ['src', 'projections', 'demo', 'bench'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its folder
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const always = process.argv.includes('--always');
const sources = Math.max(...SOURCE_DIRS.map(newest), ...SOURCE_FILES.map(newest));
if (!always && existsSync(STAMP) && existsSync('dist/src/main.js') && statSync(STAMP).mtimeMs >= sources) process.exit(0);

const started = new Date();
if (!always) process.stderr.write('building: the sources changed since the last build…\n');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: ['ignore', process.stderr, process.stderr] });
if (result.status !== 0) process.exit(result.status ?? 1);
// Stamped with the time the build started: a file saved during the build makes the next run build again.
writeFileSync(STAMP, `${started.toISOString()}\n`);
utimesSync(STAMP, started, started);
