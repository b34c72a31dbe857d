import { html, type Content, type Html } from '../html.js';
import type { Language, Translator } from '../i18n.js';
import type { Fact, LinkVM, Option } from '../view-models/pages.js';
import type { Layout } from '../view-models/common.js';

export interface Chrome {
  t: Translator;
  languages: Language[];
  /** The current path and query, for the language switch. */
  here: string;
}

/** The page around the content: skip link, header with the language switch, stamp, as-of form. */
export function page(chrome: Chrome, l: Layout, content: Content): Html {
  const { t } = chrome;
  const switchHref = (code: string) => {
    const url = new URL(chrome.here, 'http://x');
    url.searchParams.set('lang', code);
    url.searchParams.delete('cursor');
    return `${url.pathname}${url.search}`;
  };
  return html`<!doctype html>
<html lang="${l.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${l.title} · ${t.t('site.name')}</title>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<a class="skip" href="#main">${t.t('site.skip')}</a>
<header class="site">
  <div class="wrap">
    <a class="brand" href="/">${t.t('site.name')}</a>
    <nav aria-label="${t.t('site.languages')}" class="languages"><ul>
      ${chrome.languages.map((lang) =>
        lang.code === t.locale
          ? html`<li><span aria-current="true" lang="${lang.code}">${lang.name}</span></li>`
          : html`<li><a href="${switchHref(lang.code)}" lang="${lang.code}" hreflang="${lang.code}">${lang.name}</a></li>`,
      )}
    </ul></nav>
  </div>
</header>
<main id="main" class="wrap">
  ${l.breadcrumbs.length ? html`<nav aria-label="${t.t('site.breadcrumbs')}" class="breadcrumbs"><ol>${l.breadcrumbs.map((b) => html`<li><a href="${b.href}">${b.label}</a></li>`)}<li aria-current="page">${l.title}</li></ol></nav>` : ''}
  <h1>${l.title}</h1>
  <p class="stamp">${l.stamp}${l.now ? html` <a href="${l.now.href}">${l.now.label}</a>` : ''}</p>
  ${content}
</main>
<footer class="site"><div class="wrap">
  <form class="as-of" method="get" action="">
    <label for="asOf">${t.t('site.asOfLabel')}</label>
    <input id="asOf" name="asOf" type="date" value="${l.asOf && /^\d{4}-\d{2}-\d{2}$/.test(l.asOf) ? l.asOf : ''}">
    <button type="submit">${t.t('site.asOfSubmit')}</button>
  </form>
  <p>${t.t('site.footer')} <a href="/docs">${t.t('site.api')}</a></p>
</div></footer>
</body>
</html>`;
}

export const facts = (items: Fact[]): Html =>
  html`<dl class="facts">${items.map((f) => html`<div><dt>${f.term}</dt><dd>${f.href ? html`<a href="${f.href}">${f.value}</a>` : f.value}</dd></div>`)}</dl>`;

export const figures = (items: Array<{ label: string; value: string }>): Html =>
  html`<ul class="figures">${items.map((f) => html`<li><span class="figure-value">${f.value}</span> <span class="figure-label">${f.label}</span></li>`)}</ul>`;

export const linkList = (items: LinkVM[]): Html => html`<ul class="inline">${items.map((i) => html`<li><a href="${i.href}">${i.label}</a></li>`)}</ul>`;

export function select(id: string, name: string, labelText: string, anyLabel: string, options: Option[]): Html {
  return html`<div class="field"><label for="${id}">${labelText}</label>
  <select id="${id}" name="${name}"><option value="">${anyLabel}</option>${options.map((o) => html`<option value="${o.value}"${o.selected ? html` selected` : ''}>${o.label}</option>`)}</select></div>`;
}

export function pager(t: Translator, first: string | null, next: string | null): Html {
  if (!first && !next) return html``;
  return html`<nav class="pager" aria-label="${t.t('site.pages')}"><ul>
    ${first ? html`<li><a href="${first}">${t.t('site.firstPage')}</a></li>` : ''}
    ${next ? html`<li><a href="${next}" rel="next">${t.t('site.nextPage')}</a></li>` : ''}
  </ul></nav>`;
}
