import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The site's own words, from one ICU MessageFormat file per language in src/web/locales/
 * (`<code>.json`): a third language is a third file. The record's own texts are never translated.
 */
export const DEFAULT_LOCALE = 'en';

export type Values = Record<string, string | number | Date | null | undefined>;

export interface Translator {
  readonly locale: string;
  t(id: string, values?: Values): string;
  /** A calendar date (UTC: the record's dates are UTC). */
  date(value: string | Date | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
  number(value: number): string;
}

export interface Language {
  code: string;
  /** Its own name for itself ("Shqip"). */
  name: string;
}

/** The project's root (the folder of package.json), from here in src/ or in dist/src/. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('web: cannot find the project root (package.json) above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const LOCALES_DIR = path.join(projectRoot(), 'src', 'web', 'locales');

export function loadMessages(dir = LOCALES_DIR): Map<string, Record<string, string>> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return new Map(files.map((f) => [path.basename(f, '.json'), JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, string>]));
}

const UTC = { timeZone: 'UTC' } as const;

/** A message id that no file has, or a malformed message, is a bug: fail loudly, not with the id shown. */
const fail = (error: Error): never => {
  throw error;
};

/** Every language of the site, each with its formatter; a key missing from a file falls back to English. */
export class Translations {
  private readonly intls = new Map<string, IntlShape<string>>();
  readonly languages: Language[];

  constructor(messages: Map<string, Record<string, string>> = loadMessages()) {
    const fallback = messages.get(DEFAULT_LOCALE);
    if (!fallback) throw new Error(`web: no ${DEFAULT_LOCALE}.json in the locales folder`);
    const cache = createIntlCache();
    for (const [code, own] of messages) {
      this.intls.set(code, createIntl({ locale: code, defaultLocale: DEFAULT_LOCALE, messages: { ...fallback, ...own }, onError: fail }, cache));
    }
    this.languages = [...messages.entries()].map(([code, m]) => ({ code, name: m['language.name'] ?? code }));
  }

  get codes(): string[] {
    return [...this.intls.keys()];
  }

  has(code: string | undefined): code is string {
    return code !== undefined && this.intls.has(code);
  }

  for(locale: string): Translator {
    const intl = this.intls.get(locale) ?? this.intls.get(DEFAULT_LOCALE)!;
    const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));
    return {
      locale: intl.locale,
      t: (id, values) => intl.formatMessage({ id }, values as Record<string, string | number | Date>),
      date: (v) => (v ? intl.formatDate(asDate(v), { ...UTC, year: 'numeric', month: 'long', day: 'numeric' }) : '—'),
      dateTime: (v) => (v ? intl.formatDate(asDate(v), { ...UTC, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }) : '—'),
      number: (n) => intl.formatNumber(n),
    };
  }
}
