// A report document as one self-contained, accessible HTML page (inline CSS and SVG), also the source of its PDF.
import { toSvg } from './charts.js';
import type { Block, Cell, ReportDocument, Section } from './document.js';
import type { Words } from './i18n.js';
import { tokenRule } from './tokens.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function cell(c: Cell, tag: 'td' | 'th' = 'td', numeric = false): string {
  const text = typeof c === 'string' ? c : c.text;
  const mark = typeof c === 'string' || !c.mark ? '' : ` <span class="mark">[${esc(c.mark)}]</span>`;
  const isNum = numeric || (typeof c !== 'string' && c.numeric);
  return `<${tag}${isNum ? ' class="num"' : ''}${tag === 'th' ? ' scope="row"' : ''}>${esc(text)}${mark}</${tag}>`;
}

async function block(b: Block): Promise<string> {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${esc(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${cell(i).slice(4, -5)}</li>`).join('')}</ul>`;
    case 'table': {
      const head = b.columns
        .map((c, i) => `<th scope="col"${b.numeric?.[i] ? ' class="num"' : ''}>${esc(c)}</th>`)
        .join('');
      const rows = b.rows
        .map((r) => `<tr>${r.map((c, i) => cell(c, i === 0 ? 'th' : 'td', !!b.numeric?.[i])).join('')}</tr>`)
        .join('\n');
      const caption = `<caption>${esc(b.caption)}</caption>`;
      return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
    case 'chart': {
      const svg = (await toSvg(b.spec)).replace('<svg ', `<svg role="img" aria-label="${esc(b.description)}" `);
      return `<figure class="chart">${svg}<figcaption>${esc(b.caption)}</figcaption></figure>`;
    }
  }
}

async function section(s: Section, level: number, number: string): Promise<string> {
  const h = Math.min(level, 6);
  const parts = [`<section id="${esc(s.id)}"><h${h}>${esc(number)} ${esc(s.title)}</h${h}>`];
  for (const b of s.blocks) parts.push(await block(b));
  for (const [i, sub] of (s.sections ?? []).entries()) parts.push(await section(sub, level + 1, `${number}${i + 1}.`));
  parts.push('</section>');
  return parts.join('\n');
}

function toc(sections: readonly Section[], prefix = ''): string {
  return `<ol>${sections
    .map(
      (s, i) =>
        `<li><a href="#${esc(s.id)}">${esc(`${prefix}${i + 1}.`)} ${esc(s.title)}</a>${
          s.sections?.length ? toc(s.sections, `${prefix}${i + 1}.`) : ''
        }</li>`,
    )
    .join('')}</ol>`;
}

/** The report as HTML; `generated` is the only timestamp in it (kept out of the content for reproducibility). */
export async function renderHtml(doc: ReportDocument, w: Words, generated: string): Promise<string> {
  const body: string[] = [];
  for (const [i, s] of doc.sections.entries()) body.push(await section(s, 2, `${i + 1}.`));
  return `<!doctype html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="weerbaar">
<meta name="dcterms.created" content="${esc(generated)}">
<title>${esc(doc.title)} — ${esc(w.t(`edition.${doc.edition}`))}</title>
<style>${tokenRule(CSS)}
${CSS}</style>
</head>
<body class="rhc-theme">
<header class="title-page">
<p class="brand">weerbaar · ${esc(w.t('title.brand'))}</p>
<h1>${esc(doc.title)}</h1>
<p class="subtitle">${esc(doc.subtitle)}</p>
<dl>${doc.facts.map((f) => `<dt>${esc(f.label)}</dt><dd>${esc(f.value)}</dd>`).join('')}</dl>
<p class="notice edition-${doc.edition}" role="note">${esc(doc.notice)}</p>
</header>
<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">${esc(w.t('title.contents'))}</h2>
${toc(doc.sections)}</nav>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

// The explorer's look: colours and type from the NL Design System tokens of the Rijkshuisstijl community
// (@rijkshuisstijl-community/design-tokens), the ones used here inlined by tokenRule so the HTML stays self-contained.
const CSS = `
.rhc-theme { --ink: var(--rhc-color-foreground-default); --accent: var(--rhc-color-lintblauw-500);
  --muted: var(--rhc-color-foreground-subtle); --line: var(--rhc-color-cool-grey-300);
  --mark: var(--rhc-color-violet-500); --subtle-bg: var(--rhc-color-cool-grey-100); }
* { box-sizing: border-box; }
body { font-family: var(--rhc-text-font-family-default), "DejaVu Sans", sans-serif; color: var(--ink); margin: 0 auto;
  max-width: 60rem;  padding: 1.5rem; line-height: 1.45; font-size: 11pt; }
h1 { color: var(--accent); font-size: 26pt; margin: 0.5rem 0; }
h2 { color: var(--accent); font-size: 16pt; border-bottom: 2px solid var(--accent); padding-bottom: 0.2rem;
  margin-top: 2rem; }
h3 { color: var(--accent); font-size: 13pt; margin-top: 1.4rem; }
.title-page { min-height: 90vh; display: flex; flex-direction: column; justify-content: center;
  border-left: 0.6rem solid var(--accent);  padding-left: 1.5rem; page-break-after: always; break-after: page; }
.brand { color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; font-size: 9pt; }
.subtitle { font-size: 14pt; color: var(--muted); }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
dt { font-weight: bold; } dd { margin: 0; }
.notice { border: 1px solid var(--line); padding: 0.6rem; background: var(--subtle-bg); }
.notice.edition-full { border-color: var(--mark); }
.toc { page-break-after: always; break-after: page; }
.toc ol { list-style: none; padding-left: 1rem; } .toc a { color: var(--ink); text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: 0.8rem 0 1.2rem; font-size: 9pt; page-break-inside: auto; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; caption-side: top; }
th, td { border-bottom: 1px solid var(--line); padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--accent); }
tbody th { font-weight: normal; }
tr { page-break-inside: avoid; break-inside: avoid; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.mark { color: var(--mark); font-weight: bold; font-size: 8pt; }
figure.chart { margin: 1rem 0; page-break-inside: avoid; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: var(--muted); }
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
@media print { body { max-width: none; padding: 0; } a { color: inherit; } }
`;
