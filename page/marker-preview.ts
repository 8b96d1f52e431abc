import type { Citation } from './api-types.js';
import { h, byId } from './dom.js';
import { excerptWithMarks } from './answer-text.js';

const PREVIEW_LENGTH = 280;

/** Hovering or focusing a marker previews its passage: the quoted sentence first, cut to a few lines. */
export class MarkerPreview {
  private readonly tooltip = byId('preview');
  private shownFor: HTMLElement | null = null;

  show(marker: HTMLElement, citation: Citation): void {
    const first = citation.highlights[0];
    const from = first ? Math.max(0, first.start - 60) : 0;
    const text = citation.excerpt.slice(from, from + PREVIEW_LENGTH);
    const highlights = citation.highlights.map(({ start, end }) => ({ start: start - from, end: Math.min(end - from, text.length) })).filter(({ start, end }) => start >= 0 && end > start);
    this.tooltip.replaceChildren(
      h('strong', {}, citation.title ?? citation.source),
      h('span', { class: 'preview-text' }, from > 0 ? '…' : '', ...excerptWithMarks(text, highlights), from + PREVIEW_LENGTH < citation.excerpt.length ? '…' : ''),
    );
    this.tooltip.hidden = false;
    marker.setAttribute('aria-describedby', 'preview');
    this.shownFor = marker;
    const box = marker.getBoundingClientRect();
    const width = Math.min(320, window.innerWidth - 16);
    this.tooltip.style.width = `${width}px`;
    this.tooltip.style.left = `${Math.max(8, Math.min(box.left, window.innerWidth - width - 8))}px`;
    const below = box.bottom + 6;
    const height = this.tooltip.offsetHeight;
    this.tooltip.style.top = `${below + height > window.innerHeight ? Math.max(8, box.top - height - 6) : below}px`;
  }

  hide(): void {
    this.tooltip.hidden = true;
    this.shownFor?.removeAttribute('aria-describedby');
    this.shownFor = null;
  }
}
