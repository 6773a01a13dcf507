// Reports: download the documents of the planning cycle (GET /reports/<kind>) that the user may see, in the page's
// language. The request carries the session's token in the Authorization header (fetch, then a link to the blob), so
// the token never appears in a URL. Anonymous users are offered the public edition only; the party report is offered
// for the signed-in user's own party, and the progress report once two cycles exist.
import { gql, getToken } from './api';
import { currentClaims } from './auth';
import { banner, byId, h } from './dom';
import { dateTime, lang, t } from './i18n';
import { REPORT_CYCLES, REPORT_KINDS, type ReportCycle, type ReportCyclesAnswer, type ReportKind } from './queries';
import type { ViewState } from './state';

const FORMATS = ['pdf', 'html'] as const;

/** What this user may download: kinds and editions (the server checks again on every request). */
export function reportOffer(
  claims: { party?: string } | null,
  cycles: readonly ReportCycle[],
): { kinds: ReportKind[]; editions: ('public' | 'full')[] } {
  const kinds = REPORT_KINDS.filter(
    (k) => (k !== 'party' || !!claims?.party) && (k !== 'progress' || cycles.length >= 2),
  );
  return { kinds, editions: claims ? ['public', 'full'] : ['public'] };
}

/** The file name from a Content-Disposition header, else a fallback. */
function fileName(disposition: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(disposition ?? '');
  return m?.[1] ?? fallback;
}

export class ReportsView {
  private loaded = false;
  private cycles: ReportCycle[] = [];
  private readonly kind = byId<HTMLSelectElement>('report-kind');
  private readonly cycle = byId<HTMLSelectElement>('report-cycle');
  private readonly format = byId<HTMLSelectElement>('report-format');
  private readonly edition = byId<HTMLSelectElement>('report-edition');
  /** The last download, for tests and diagnostics: its URL path and query, status and size. */
  last: { path: string; status: number; bytes: number } | null = null;

  constructor() {
    this.format.replaceChildren(...FORMATS.map((f) => h('option', { value: f }, t(`reports.formats.${f}`))));
    this.kind.addEventListener('change', () => this.fillCycles());
    byId<HTMLFormElement>('reports-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.download();
    });
  }

  /** The budget of the measures view (in the URL): the capability analysis recommends a portfolio under it. */
  private budget: number | null = null;

  apply(st: Pick<ViewState, 'budget'>): void {
    this.budget = st.budget;
    if (this.loaded) return;
    this.loaded = true;
    void this.load();
  }

  private async load(): Promise<void> {
    const claims = currentClaims();
    const intro = byId('reports-intro');
    intro.textContent = t(claims ? 'reports.introSignedIn' : 'reports.introAnonymous');
    try {
      this.cycles = (await gql<ReportCyclesAnswer>(REPORT_CYCLES)).cycles;
    } catch (e) {
      this.cycles = [];
      banner(t('reports.failedBanner', { message: (e as Error).message }));
    }
    const offer = reportOffer(claims, this.cycles);
    this.kind.replaceChildren(
      ...offer.kinds.map((k) =>
        h(
          'option',
          { value: k },
          k === 'party' ? t('reports.kinds.partyOf', { party: claims!.party }) : t(`reports.kinds.${k}`),
        ),
      ),
    );
    this.edition.replaceChildren(...offer.editions.map((e) => h('option', { value: e }, t(`reports.editions.${e}`))));
    this.fillCycles();
  }

  /** The current model, or a cycle; a progress report compares a cycle with the one before it, so needs a cycle. */
  private fillCycles(): void {
    const progress = this.kind.value === 'progress';
    const cycles = [...this.cycles].reverse().filter((c) => !progress || c.id !== this.cycles[0]?.id);
    const label = (c: ReportCycle) =>
      t(c.closedAt ? 'reports.cycleClosed' : 'reports.cycleOpen', {
        id: c.id,
        date: dateTime(c.closedAt ?? c.openedAt),
      });
    this.cycle.replaceChildren(
      ...(progress ? [] : [h('option', { value: '' }, t('reports.currentModel'))]),
      ...cycles.map((c) => h('option', { value: c.id }, label(c))),
    );
  }

  /** Fetches the report with the session's token and hands it to the browser as a download. */
  async download(): Promise<void> {
    const status = byId('reports-status');
    const params = new URLSearchParams({ format: this.format.value, lang: lang(), edition: this.edition.value });
    if (this.cycle.value) params.set('cycle', this.cycle.value);
    const claims = currentClaims();
    if (this.kind.value === 'party' && claims?.party) params.set('party', claims.party);
    if (this.kind.value === 'capabilities' && this.budget != null) params.set('budget', String(this.budget));
    const path = `reports/${encodeURIComponent(this.kind.value)}?${params}`;
    const button = byId<HTMLButtonElement>('report-download');
    button.disabled = true;
    status.textContent = t('reports.preparing');
    try {
      const token = getToken();
      const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!response.ok) {
        let message = `HTTP ${response.status}`;
        try {
          message = ((await response.json()) as { error?: { message?: string } }).error?.message ?? message;
        } catch {
          /* not JSON: the status says it */
        }
        this.last = { path, status: response.status, bytes: 0 };
        status.textContent = t('reports.failed');
        banner(t('reports.failedBanner', { message }));
        return;
      }
      const blob = await response.blob();
      this.last = { path, status: response.status, bytes: blob.size };
      const name = fileName(
        response.headers.get('content-disposition'),
        `weerbaar-${this.kind.value}.${this.format.value}`,
      );
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = t('reports.done', { name });
    } catch (e) {
      status.textContent = t('reports.failed');
      banner(t('reports.failedBanner', { message: (e as Error).message }));
    } finally {
      button.disabled = false;
    }
  }
}
