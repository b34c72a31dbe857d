import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (package `chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Without these, Chromium reaches for the network at start (updates, sync, QUIC), which this
 * kind of machine refuses; the tests talk only to the service on 127.0.0.1.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const HOW_TO_INSTALL = `the browser tests need Chromium at ${CHROMIUM}: install it with \`sudo apt-get install -y chromium\` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary`;

/**
 * Finds Chromium; as root on a Debian machine with apt, installs it (what .ci/run does too).
 * Otherwise fails with the line that says how to install it: never a silent skip.
 */
export function requireChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && !process.env.CHROMIUM_PATH && existsSync('/usr/bin/apt-get')) {
    console.log(`Chromium is missing: installing Debian's chromium package (apt-get, as root) …`);
    try {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env, timeout: 600_000 });
      execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env, timeout: 900_000 });
    } catch (error) {
      throw new Error(`${HOW_TO_INSTALL} (installing it failed: ${(error as Error).message})`, { cause: error });
    }
    if (existsSync(CHROMIUM)) return CHROMIUM;
  }
  throw new Error(HOW_TO_INSTALL);
}

/** Headless Chromium with a fresh profile of its own. */
export async function launchChromium(): Promise<{ context: BrowserContext; profile: string }> {
  const executablePath = requireChromium();
  const profile = await mkdtemp(path.join(tmpdir(), 'cr-web-chromium-'));
  // launchPersistentContext is how Playwright takes a --user-data-dir of our choosing.
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 } });
  return { context, profile };
}
