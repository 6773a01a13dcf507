// A report's HTML printed to PDF by headless Chromium (Debian's package through playwright-core): A4, page numbers,
// tagged for assistive technology and with an outline (bookmarks) from the headings.
import { existsSync } from 'node:fs';
import { UserError } from '../domain/errors.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function htmlToPdf(html: string, pageLabel: (page: string, total: string) => string): Promise<Buffer> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new UserError(
      `PDF needs Chromium at ${CHROMIUM_PATH}: install it (sh .ci/install-browser.sh) or set CHROMIUM_PATH; ` +
        '--format html works without it',
      'ENVIRONMENT',
    );
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage();
    // No network: a report is self-contained; any request would leak or hang.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const footerStyle = 'font-size:8px;width:100%;text-align:center;color:#535353;font-family:Arial,sans-serif';
    const label = pageLabel('<span class="pageNumber"></span>', '<span class="totalPages"></span>');
    const footer = `<div style="${footerStyle}">${label}</div>`;
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer,
      margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
      tagged: true,
      outline: true,
    });
    return pdf;
  } finally {
    await browser.close();
  }
}
