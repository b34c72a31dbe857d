import { execFileSync } from 'node:child_process';
import * as os from 'node:os';

/** What a figure was measured on: the machine is shared, so the load goes with every figure. */
export function machine(): { cpus: number; model: string; memoryGb: number; node: string; uptime: string; loadavg: number[] } {
  let uptime: string;
  try {
    uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    uptime = `load average: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`;
  }
  return {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    uptime,
    loadavg: os.loadavg().map((l) => +l.toFixed(2)),
  };
}
