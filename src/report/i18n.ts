// Report wording in Dutch (default) and English through i18next, with numbers and dates in the language's notation.
import i18next, { type TFunction } from 'i18next';
import { nl } from './locales/nl.js';
import { en } from './locales/en.js';
import { simulatedEn, simulatedNl } from './locales/simulated.js';

export const REPORT_LANGUAGES = ['nl', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export interface Words {
  lang: ReportLanguage;
  t: TFunction;
  /** A number with at most `digits` decimals, in the language's notation (1.234,5 in Dutch). */
  num(value: number, digits?: number): string;
  /** A whole amount of euros. */
  euros(value: number): string;
  /** A share 0–1 as a percentage. */
  pct(value: number, digits?: number): string;
  /** A date (ISO string or Date) written out. */
  date(value: string | Date): string;
}

const LOCALE: Record<ReportLanguage, string> = { nl: 'nl-NL', en: 'en-GB' };

export async function words(lang: ReportLanguage): Promise<Words> {
  const inst = i18next.createInstance();
  await inst.init({
    lng: lang,
    fallbackLng: 'en',
    resources: {
      nl: { translation: { ...nl, ...simulatedNl } },
      en: { translation: { ...en, ...simulatedEn } },
    },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  const locale = LOCALE[lang];
  const numbers = new Map<number, Intl.NumberFormat>();
  const nf = (d: number) => {
    let f = numbers.get(d);
    if (!f) numbers.set(d, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: d })));
    return f;
  };
  const eur = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const df = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return {
    lang,
    t: inst.t.bind(inst) as TFunction,
    num: (v, d = 2) => nf(d).format(v),
    euros: (v) => eur.format(v),
    pct: (v, d = 0) => `${nf(d).format(v * 100)} %`,
    date: (v) => df.format(typeof v === 'string' ? new Date(v) : v),
  };
}
