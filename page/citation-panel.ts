import type { Citation } from './api-types.js';
import { byId } from './dom.js';
import { frenchDate } from './french.js';
import { excerptWithMarks } from './answer-text.js';

export function articleHref(citation: Citation): string {
  return `/sources/${encodeURIComponent(citation.source)}?highlight=${citation.start}-${citation.end}#passage-cite`;
}

export function passageMeta(citation: Citation): string {
  return [citation.outlet, citation.author, frenchDate(citation.date), citation.section ? `« ${citation.section} »` : null, citation.page ? `page ${citation.page}` : null].filter(Boolean).join(' · ');
}

/** The side panel (a bottom sheet on a phone): one cited passage, marked, with a link to the whole article. */
export class CitationPanel {
  private readonly panel = byId('panel');
  private opener: HTMLElement | null = null;

  /** `onClose`: called once the focus is back on the opener (the marker's preview, shown again on focus, is hidden). */
  constructor(private readonly onClose: () => void = () => {}) {
    byId('panel-close').addEventListener('click', () => this.close());
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.panel.hidden) this.close();
    });
  }

  open(citation: Citation, opener: HTMLElement): void {
    this.opener = opener;
    byId('panel-title').textContent = citation.title ?? citation.source;
    byId('panel-meta').textContent = passageMeta(citation);
    byId('panel-excerpt').replaceChildren(...excerptWithMarks(citation.excerpt, citation.highlights));
    byId<HTMLAnchorElement>('panel-article').href = articleHref(citation);
    this.panel.hidden = false;
    document.body.classList.add('panel-open');
    byId('panel-excerpt').querySelector('mark')?.scrollIntoView({ block: 'nearest' });
    byId('panel-close').focus();
  }

  /** Closes the panel; the focus goes back to what opened it unless `keepFocus` (a new question is being asked). */
  close(keepFocus = false): void {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    document.body.classList.remove('panel-open');
    if (!keepFocus && this.opener?.isConnected) this.opener.focus();
    this.opener = null;
    this.onClose();
  }
}
