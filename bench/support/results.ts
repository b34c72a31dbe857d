import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The p-th percentile of ascending samples (nearest rank); NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Writes a report to bench/results/<kind>-<at>.json (from dist/bench/support/); answers the path, relative to the cwd. */
export async function writeResults(kind: string, at: string, report: unknown): Promise<string> {
  const dir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${kind}-${at.replace(/:/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return path.relative(process.cwd(), file);
}
