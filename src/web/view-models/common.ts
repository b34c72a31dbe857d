import type { Translator } from '../i18n.js';
import { query } from '../html.js';
import type { RecordStamp } from '../record-reader.js';

/** What every page shows around its content. */
export interface Layout {
  lang: string;
  title: string;
  breadcrumbs: Array<{ href: string; label: string }>;
  /** "The record as of <date>, position <p>." */
  stamp: string;
  /** Set when the page shows the past: a link back to the record as it stands. */
  now: { href: string; label: string } | null;
  asOf: string | null;
}

/** Where links of a page go: a page seen as of a past point links to the same past. */
export class Links {
  constructor(readonly asOf: string | null) {}

  to(path: string, params: Record<string, string | number | null | undefined> = {}): string {
    return `${path}${query({ ...params, asOf: this.asOf })}`;
  }
  home = () => this.to('/');
  cycle = (id: string) => this.to(`/cycles/${id}`);
  consultation = (id: string) => this.to(`/consultations/${id}`);
  contribution = (id: string) => this.to(`/contributions/${id}`);
  commitment = (id: string) => this.to(`/commitments/${id}`);
  matrix = (cycleId: string, params: Record<string, string | number | undefined> = {}) => this.to(`/cycles/${cycleId}/reasoned-response`, params);
  matrixCsv = (cycleId: string) => this.to(`/cycles/${cycleId}/reasoned-response.csv`);
  stakeholder = (id: string) => this.to(`/stakeholders/${id}`);
}

export function layout(t: Translator, stamp: RecordStamp, title: string, breadcrumbs: Layout['breadcrumbs'], path: string): Layout {
  const position = stamp.position ?? t.t('stamp.noPosition');
  return {
    lang: t.locale,
    title,
    breadcrumbs,
    stamp: stamp.asOf === null ? t.t('stamp.live', { date: t.dateTime(stamp.at), position }) : t.t('stamp.asOf', { date: t.dateTime(stamp.at), position }),
    now: stamp.asOf === null ? null : { href: path, label: t.t('stamp.seeNow') },
    asOf: stamp.asOf,
  };
}

/** A label of a coded value (decision, status, kind…), from the messages. */
export const label = (t: Translator, group: string, value: string | null | undefined): string => (value ? t.t(`${group}.${value}`) : '—');

/** The short form of an id people can read aloud ("#3f2a9c1e"). */
export const shortId = (id: string) => `#${id.slice(0, 8)}`;

/** Where there is a next page, its link. */
export function nextPage(links: Links, path: string, params: Record<string, string | number | undefined>, cursor: string | null): string | null {
  return cursor ? links.to(path, { ...params, cursor }) : null;
}
