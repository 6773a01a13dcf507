// Language: Dutch by default, English with `?lang=en` (kept in the URL and in <html lang>). Texts through i18next
// (locales/nl.ts, locales/en.ts); numbers and dates through Intl in the same locale. Model names stay as they are.
import i18next, { type TOptions } from 'i18next';
import { en } from './locales/en';
import { nl } from './locales/nl';

export const LANGUAGES = ['nl', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

const LOCALE: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

export function langFrom(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'nl';
}

let current: Lang = 'nl';
let numberFormats = new Map<number, Intl.NumberFormat>();

/** Sets up i18next for the page's language and marks the document with it; call once before rendering. */
export function initI18n(lang: Lang = langFrom(location.search)): void {
  current = lang;
  numberFormats = new Map();
  void i18next.init({
    lng: lang,
    fallbackLng: false,
    // Keys may contain ':' (audit actions such as edit:holdings): no namespaces in keys.
    nsSeparator: false,
    initAsync: false,
    resources: { nl: { translation: nl }, en: { translation: en } },
    // The page builds DOM nodes with textContent: nothing is parsed as HTML, so no escaping here.
    interpolation: { escapeValue: false },
    returnObjects: true,
  });
  document.documentElement.lang = lang;
  document.title = t('app.title');
}

export function lang(): Lang {
  return current;
}
export function locale(): string {
  return LOCALE[current];
}

/** A text by key, e.g. t('graph.party') or t('graph.found', { count: 3 }). */
export function t(key: string, options?: TOptions): string {
  const out = i18next.t(key, options ?? {});
  return typeof out === 'string' ? out : key;
}

/** A list of texts (e.g. the two readings of a relationship type). */
export function tList(key: string): string[] {
  const out = i18next.t(key, { returnObjects: true }) as unknown;
  return Array.isArray(out) ? (out as string[]) : [];
}

function numberFormat(digits: number): Intl.NumberFormat {
  let f = numberFormats.get(digits);
  if (!f) numberFormats.set(digits, (f = new Intl.NumberFormat(LOCALE[current], { maximumFractionDigits: digits })));
  return f;
}

/** A number in the page's locale: up to `digits` decimals, none from 1000 up; '–' for nothing. */
export function fmt(n: unknown, digits = 2): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return n == null ? '–' : String(n);
  return numberFormat(Math.abs(n) >= 1000 ? 0 : digits).format(n);
}

/** A share in [0, 1] as a percentage in the page's locale. */
export function pct(n: unknown): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '–';
  const digits = n < 0.1 && n > 0 ? 1 : 0;
  const options = { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits } as const;
  return new Intl.NumberFormat(LOCALE[current], options).format(n);
}

/** A date and time (ISO text or Date) in the page's locale. */
export function dateTime(v: string | Date): string {
  const d = typeof v === 'string' ? new Date(v) : v;
  if (Number.isNaN(d.getTime())) return String(v);
  return new Intl.DateTimeFormat(LOCALE[current], { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A calendar date (ISO text, e.g. 2007-04-27) in the page's locale. */
export function date(v: string): string {
  const d = new Date(`${v.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return v;
  return new Intl.DateTimeFormat(LOCALE[current], { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/** Fills the static page: elements with data-i18n get their text, data-i18n-attr="attr:key;…" their attributes. */
export function translateStatic(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n!);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr!.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}
