import type { Citation, PassageReference } from './api-types.js';
import { textWithMarkers } from './answer-text.js';
import type { Exchange } from './conversation-store.js';
import { h, thumbIcon } from './dom.js';
import { frenchDate } from './french.js';
import { markdownNodes } from './markdown-view.js';

export interface MessageActions {
  openPassage: (passage: Citation, opener: HTMLElement) => void;
  retry: (exchange: Exchange) => void;
  copy: (exchange: Exchange) => Promise<boolean>;
  sendFeedback: (exchange: Exchange, verdict: 'up' | 'down', comment: string) => Promise<boolean>;
}

export function userMessage(exchange: Exchange): HTMLElement {
  return h('div', { class: 'message', 'data-role': 'user', 'data-exchange': exchange.id }, h('p', { class: 'bubble' }, exchange.question));
}

/** The assistant's bubble while its answer streams in: the text so far and a typing indicator. */
export function streamingMessage(exchange: Exchange): HTMLElement {
  return h(
    'div',
    { class: 'message streaming', 'data-role': 'assistant', 'data-exchange': exchange.id, 'aria-busy': 'true' },
    h('div', { class: 'bubble' }, h('div', { class: 'answer' }), h('span', { class: 'typing', role: 'img', 'aria-label': 'Réponse en cours' }, h('span'), h('span'), h('span'))),
  );
}

export function showStreamedText(message: HTMLElement, text: string): void {
  const answer = message.querySelector('.answer');
  if (answer) answer.textContent = text;
}

/** An answered, stopped or failed exchange: the answer with its own markers, sources, notes and actions. */
export function assistantMessage(exchange: Exchange, actions: MessageActions): HTMLElement {
  const result = exchange.answer;
  const citations = result?.citations ?? [];
  const bubble = h('div', { class: 'bubble' });
  const message = h('div', { class: `message ${exchange.status}`, 'data-role': 'assistant', 'data-exchange': exchange.id }, bubble);

  for (const conflict of result?.conflicts ?? []) {
    const values = conflict.values.map((value) => `${value.value}${value.index ? ` [${value.index}]` : ''}`).join(' ou ');
    bubble.append(h('p', { class: 'conflict-note' }, ...textWithMarkers(`Les sources ne donnent pas le même chiffre : ${values}.`, citations, [])));
  }
  if (exchange.text) {
    const llm = result?.answerer === 'llm';
    const nodes = llm ? markdownNodes(exchange.text, citations, result?.unsupported ?? []) : textWithMarkers(exchange.text, citations, result?.unsupported ?? []);
    bubble.append(h('div', { class: `answer${result?.abstained ? ' abstained' : ''}${llm ? ' markdown' : ''}` }, ...nodes));
  }
  if (exchange.status === 'stopped') bubble.append(h('p', { class: 'message-note' }, 'Réponse arrêtée avant la fin.'));
  if (exchange.status === 'failed') bubble.append(h('p', { class: 'message-note failure' }, exchange.failure ?? 'La question n’a pas pu être posée.'));
  if (result?.query && result.query.trim() !== exchange.question.trim()) bubble.append(h('p', { class: 'query-note' }, `Question comprise : ${result.query}`));

  if (result && !result.abstained && citations.length > 0) message.append(sourcesRow(citations, actions));
  if (result?.abstained && (result.related ?? []).length > 0) message.append(relatedCards(result.related ?? [], actions));
  message.append(actionsRow(exchange, actions));
  return message;
}

/** One chip per article, in the order the answer first cites it: title, outlet and French date. */
function sourcesRow(citations: readonly Citation[], actions: MessageActions): HTMLElement {
  const bySource = new Map<string, Citation[]>();
  for (const citation of [...citations].sort((a, b) => a.index - b.index)) bySource.set(citation.source, [...(bySource.get(citation.source) ?? []), citation]);
  const chips = [...bySource.values()].map((cited) => {
    const first = cited[0]!;
    const chip = h(
      'button',
      { type: 'button', class: 'chip', 'data-source': first.source },
      h('span', { class: 'chip-numbers' }, cited.map((citation) => `[${citation.index}]`).join('')),
      h('span', { class: 'chip-title' }, first.title ?? first.source),
      h('span', { class: 'chip-meta' }, [first.outlet, frenchDate(first.date)].filter(Boolean).join(' · ')),
    );
    chip.addEventListener('click', () => actions.openPassage(first, chip));
    return h('li', {}, chip);
  });
  return h('div', { class: 'sources' }, h('h2', { class: 'sources-heading' }, 'Sources'), h('ul', { class: 'chips' }, ...chips));
}

const CARD_EXCERPT_LENGTH = 220;

/** A refusal's closest passages, as cards that open like citations: the reader is never at a dead end. */
function relatedCards(related: readonly PassageReference[], actions: MessageActions): HTMLElement {
  const cards = related.map((passage, i) => {
    const citation: Citation = { ...passage, index: i + 1, highlights: [] };
    const excerpt = passage.excerpt.length > CARD_EXCERPT_LENGTH ? `${passage.excerpt.slice(0, CARD_EXCERPT_LENGTH).replace(/\s+\S*$/u, '')}…` : passage.excerpt;
    const card = h(
      'button',
      { type: 'button', class: 'passage-card', 'data-source': passage.source },
      h('span', { class: 'chip-title' }, passage.title ?? passage.source),
      h('span', { class: 'chip-meta' }, [passage.outlet, frenchDate(passage.date), passage.section ? `« ${passage.section} »` : null].filter(Boolean).join(' · ')),
      h('span', { class: 'card-excerpt' }, excerpt),
    );
    card.addEventListener('click', () => actions.openPassage(citation, card));
    return h('li', {}, card);
  });
  return h('div', { class: 'sources related' }, h('h2', { class: 'sources-heading' }, 'Passages les plus proches'), h('ul', { class: 'cards' }, ...cards));
}

function actionsRow(exchange: Exchange, actions: MessageActions): HTMLElement {
  const status = h('span', { class: 'action-status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'action copy' }, 'Copier');
  copy.addEventListener('click', async () => {
    status.textContent = (await actions.copy(exchange)) ? 'Réponse copiée.' : 'La réponse n’a pas pu être copiée.';
  });
  const retry = h('button', { type: 'button', class: 'action retry' }, 'Réessayer');
  retry.addEventListener('click', () => actions.retry(exchange));
  const row = h('div', { class: 'actions' }, exchange.text ? copy : null, retry);
  if (exchange.status === 'answered') row.append(...feedbackControls(exchange, actions, status));
  row.append(status);
  return row;
}

function feedbackControls(exchange: Exchange, actions: MessageActions, status: HTMLElement): HTMLElement[] {
  const up = h('button', { type: 'button', class: 'action feedback-up', 'aria-pressed': String(exchange.feedback === 'up'), 'aria-label': 'Réponse utile', title: 'Réponse utile' }, thumbIcon('up'));
  const down = h('button', { type: 'button', class: 'action feedback-down', 'aria-pressed': String(exchange.feedback === 'down'), 'aria-label': 'Réponse pas utile', title: 'Réponse pas utile' }, thumbIcon('down'));
  const comment = h('textarea', { class: 'feedback-comment', rows: '2', maxlength: '2000', 'aria-label': 'Qu’est-ce qui ne va pas ? (facultatif)', placeholder: 'Qu’est-ce qui ne va pas ? (facultatif)' });
  const form = h('form', { class: 'feedback-form', hidden: true }, comment, h('button', { type: 'submit', class: 'action feedback-send' }, 'Envoyer'));
  const lock = (locked: boolean) => {
    up.disabled = locked;
    down.disabled = locked;
  };
  // Pressed is what was sent: opening the comment form presses nothing yet.
  const pressed = (verdict: 'up' | 'down' | null) => {
    up.setAttribute('aria-pressed', String(verdict === 'up'));
    down.setAttribute('aria-pressed', String(verdict === 'down'));
  };
  if (exchange.feedback) {
    lock(true);
    status.textContent = 'Merci, votre avis est enregistré.';
  }
  const send = async (verdict: 'up' | 'down', text: string) => {
    lock(true);
    if (await actions.sendFeedback(exchange, verdict, text)) {
      pressed(verdict);
      form.hidden = true;
      status.textContent = 'Merci, votre avis est enregistré.';
    } else {
      lock(false);
      status.textContent = 'Votre avis n’a pas pu être envoyé : réessayez.';
    }
  };
  up.addEventListener('click', () => {
    form.hidden = true;
    void send('up', '');
  });
  down.addEventListener('click', () => {
    form.hidden = false;
    comment.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send('down', comment.value.trim());
  });
  return [up, down, form];
}
