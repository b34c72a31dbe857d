import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Html } from './html.js';
import { DEFAULT_LOCALE, Translations, type Translator } from './i18n.js';
import type { Chrome } from './templates/layout.js';

const COOKIE = 'lang';
const YEAR_SECONDS = 365 * 24 * 3600;

function cookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * The language of a page and the sending of it. The visible switch links to `?lang=<code>`, which
 * is remembered in a cookie (so it works without JavaScript); without either, Accept-Language.
 */
@Injectable()
export class WebRenderer {
  readonly translations = new Translations();

  translator(req: Request, res: Response): Translator {
    const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
    let locale: string;
    if (this.translations.has(asked)) {
      locale = asked;
      res.cookie(COOKIE, locale, { maxAge: YEAR_SECONDS * 1000, sameSite: 'lax', path: '/', httpOnly: true });
    } else {
      const remembered = cookie(req, COOKIE);
      const accepted = req.acceptsLanguages(...this.translations.codes);
      locale = this.translations.has(remembered) ? remembered : typeof accepted === 'string' ? accepted : DEFAULT_LOCALE;
    }
    return this.translations.for(locale);
  }

  chrome(req: Request, t: Translator): Chrome {
    return { t, languages: this.translations.languages, here: req.originalUrl };
  }

  send(res: Response, t: Translator, page: Html, status = 200): void {
    res.status(status);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Language', t.locale);
    res.setHeader('Vary', 'Accept-Language, Cookie');
    res.setHeader('Cache-Control', 'no-cache');
    res.send(page.value);
  }
}
