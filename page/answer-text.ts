import type { Citation, UnsupportedClaim } from './api-types.js';
import { h } from './dom.js';
import { reasonInFrench } from './french.js';

/**
 * A text with its [n] markers as buttons (their text stays `[n]`), and the sentences the sources do
 * not back (`unsupported`) underlined with the reason as their title. Text only: nothing becomes markup.
 */
export function textWithMarkers(text: string, citations: readonly Citation[], unsupported: readonly UnsupportedClaim[]): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[(\d+)\]/gu)) {
    nodes.push(...markedClaims(text.slice(last, match.index), unsupported));
    const citation = citations.find((item) => item.index === Number(match[1]));
    nodes.push(citation ? markerButton(citation) : document.createTextNode(match[0]));
    last = (match.index ?? 0) + match[0].length;
  }
  nodes.push(...markedClaims(text.slice(last), unsupported));
  return nodes;
}

export function markerButton(citation: Citation): HTMLButtonElement {
  return h('button', { type: 'button', class: 'marker', 'data-index': String(citation.index), 'aria-label': `[${citation.index}] : ${citation.title ?? citation.source}` }, `[${citation.index}]`);
}

function markedClaims(text: string, unsupported: readonly UnsupportedClaim[]): Node[] {
  const claim = unsupported.find((item) => item.sentence && text.includes(item.sentence));
  if (!claim) return text ? [document.createTextNode(text)] : [];
  const at = text.indexOf(claim.sentence);
  const mark = h('span', { class: 'unsupported', title: `Non vérifié dans la source citée : ${reasonInFrench(claim.reason)}` }, claim.sentence);
  const rest = unsupported.filter((item) => item !== claim);
  return [...markedClaims(text.slice(0, at), rest), mark, ...markedClaims(text.slice(at + claim.sentence.length), rest)];
}

/** An excerpt as text, the sentences the answer quotes in <mark>. */
export function excerptWithMarks(text: string, highlights: readonly { start: number; end: number }[]): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const { start, end } of highlights) {
    if (start < last || end > text.length || start >= end) continue;
    nodes.push(document.createTextNode(text.slice(last, start)), h('mark', {}, text.slice(start, end)));
    last = end;
  }
  nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}
