import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Html } from './html.js';
import { DEFAULT_LOCALE, Translations, type Translator } from './i18n.js';
import type { Chrome } from './templates/layout.js';

const COOKIE = 'lang';
/** Renderings kept per page data (addresses differ by their query: filters, lang, tags). */
const RENDERINGS_PER_DATA = 32;
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
  /**
   * A page's HTML is a function of its data (with its stamp), its language and its address: while
   * the same data is served (see PageCache), it is rendered once per language and address.
   */
  private readonly rendered = new WeakMap<object, Map<string, string>>();

  /** Renders (or re-sends) the page of `data` for this request. */
  page(req: Request, res: Response, data: object, build: (chrome: Chrome, t: Translator) => Html): void {
    const t = this.translator(req, res);
    const key = `${t.locale} ${req.originalUrl}`;
    let pages = this.rendered.get(data);
    let body = pages?.get(key);
    if (body === undefined) {
      body = build(this.chrome(req, t), t).value;
      if (!pages) this.rendered.set(data, (pages = new Map()));
      if (pages.size < RENDERINGS_PER_DATA) pages.set(key, body);
    }
    this.sendHtml(res, t, body);
  }

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
    this.sendHtml(res, t, page.value, status);
  }

  private sendHtml(res: Response, t: Translator, body: string, status = 200): void {
    res.status(status);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Language', t.locale);
    res.setHeader('Vary', 'Accept-Language, Cookie');
    res.setHeader('Cache-Control', 'no-cache');
    res.send(body);
  }
}
