import { t } from './i18n';

// Tiny DOM helpers: element creation without innerHTML (names from the graph are data, never markup).

type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v as EventListener);
    else if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | null | undefined> = {},
  ...children: (Node | string | null | undefined)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  for (const c of children) if (c != null) el.append(c);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`explorer: element #${id} is missing from index.html`);
  return el as T;
}

export { fmt, pct } from './i18n';

/** Shows an error (or clears it) in the page's alert banner. */
export function banner(message: string | null, level: 'error' | 'info' = 'error'): void {
  const el = byId('banner');
  el.replaceChildren();
  el.hidden = !message;
  el.className = `banner utrecht-alert utrecht-alert--${level}`;
  if (message) {
    el.append(
      h('span', {}, message),
      h('button', { type: 'button', class: 'link', 'aria-label': t('app.dismiss'), onclick: () => banner(null) }, '×'),
    );
  }
}
