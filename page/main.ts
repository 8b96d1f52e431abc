// The chat page: one thread per conversation, kept in this browser; each answer with its own sources.
// Everything from the server or the user is rendered as text (see dom.ts): nothing of it runs as markup.
// The server's history accepts turns of LIMITS.turnCharacters: a longer answer is sent cut.
import { LIMITS } from '../src/contracts/limits.js';
import type { Citation, HistoryTurn } from './api-types.js';
import { askStreaming, AskFailure } from './ask-stream.js';
import { CitationPanel } from './citation-panel.js';
import { renderConversationList } from './conversation-list.js';
import { ConversationStore, newConversation, randomId, type Conversation, type Exchange } from './conversation-store.js';
import { answerAsPlainText, copyText } from './copy-text.js';
import { byId, h } from './dom.js';
import { MarkerPreview } from './marker-preview.js';
import { assistantMessage, showStreamedText, streamingMessage, userMessage, type MessageActions } from './message-view.js';

/** The turns the server reads for a follow-up (it reads the last ones only). */
const MAX_HISTORY_TURNS = 20;
const MAX_EXAMPLES = 3;
/** How close to the end the reader must be for new text to scroll into view. */
const STICK_TO_END_PX = 80;

const store = new ConversationStore();
let conversation: Conversation = store.get(store.currentId) ?? newConversation();
let running: { controller: AbortController; exchangeId: string } | null = null;

const scroller = byId('thread-scroller');
const thread = byId('thread');
const emptyState = byId('empty-state');
const form = byId<HTMLFormElement>('ask-form');
const input = byId<HTMLTextAreaElement>('question');
const sendButton = byId<HTMLButtonElement>('ask-button');
const stopButton = byId<HTMLButtonElement>('stop-button');
const panel = new CitationPanel(() => preview.hide());
const preview = new MarkerPreview();

const actions: MessageActions = {
  openPassage: (passage, opener) => {
    preview.hide();
    panel.open(passage, opener);
  },
  retry: (exchange) => {
    void ask(exchange.question, exchange);
    input.focus();
  },
  copy: async (exchange) => copyText(answerAsPlainText(exchange, location.origin)),
  sendFeedback: async (exchange, verdict, comment) => {
    const citations = (exchange.answer?.citations ?? []).map(({ source, start, end }) => ({ source, start, end }));
    try {
      const response = await fetch('/feedback', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ verdict, question: exchange.question, answer: exchange.text, citations, ...(comment ? { comment } : {}) }),
      });
      if (!response.ok) return false;
      exchange.feedback = verdict;
      store.save(conversation);
      return true;
    } catch {
      return false;
    }
  },
};

function atEnd(): boolean {
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < STICK_TO_END_PX;
}

function scrollToEnd(): void {
  scroller.scrollTop = scroller.scrollHeight;
}

function renderList(): void {
  renderConversationList(store, openConversation, deleteConversation);
}

function renderThread(): void {
  // A conversation drawn whole is not news: the log announces the messages that come after.
  thread.setAttribute('aria-live', 'off');
  thread.replaceChildren(...conversation.exchanges.flatMap((exchange) => [userMessage(exchange), assistantMessage(exchange, actions)]));
  emptyState.hidden = conversation.exchanges.length > 0;
  renderList();
  scrollToEnd();
  requestAnimationFrame(() => thread.setAttribute('aria-live', 'polite'));
}

/** The answered exchanges before `index`, as the `history` a follow-up is read with. */
function historyBefore(of: Conversation, index: number): HistoryTurn[] {
  return of.exchanges
    .slice(0, index)
    .filter((exchange) => exchange.status === 'answered')
    .flatMap((exchange): HistoryTurn[] => [
      { role: 'user', content: exchange.question },
      { role: 'assistant', content: exchange.text.slice(0, LIMITS.turnCharacters) },
    ])
    .slice(-MAX_HISTORY_TURNS);
}

/** While an answer comes, what would ask another question is disabled (one answer at a time). */
function setRunning(value: typeof running): void {
  running = value;
  sendButton.hidden = value !== null;
  stopButton.hidden = value === null;
  document.body.classList.toggle('answering', value !== null);
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.retry, button.example')) button.disabled = value !== null;
}

/** Asks a question at the end of the thread, or again in place of `replacing` (Retry). */
async function ask(question: string, replacing?: Exchange): Promise<void> {
  if (running) return;
  panel.close(true);
  preview.hide();
  // The reader may open another conversation before the answer ends: it is kept in the one asked in.
  const owner = conversation;
  // Saved at once as not finished, so that a reload or a page left mid-answer keeps the question.
  const exchange: Exchange = { id: randomId(), question, askedAt: Date.now(), status: 'stopped', text: '' };
  const asked = userMessage(exchange);
  const streaming = streamingMessage(exchange);
  let index = owner.exchanges.length;
  const previous = replacing ? owner.exchanges.findIndex((known) => known.id === replacing.id) : -1;
  if (previous >= 0) {
    index = previous;
    owner.exchanges[index] = exchange;
    const [oldQuestion, oldAnswer] = thread.querySelectorAll(`[data-exchange="${replacing!.id}"]`);
    oldQuestion?.replaceWith(asked);
    oldAnswer?.replaceWith(streaming);
  } else {
    owner.exchanges.push(exchange);
    thread.append(asked, streaming);
    scrollToEnd();
  }
  emptyState.hidden = true;
  store.save(owner);
  renderList();
  const controller = new AbortController();
  setRunning({ controller, exchangeId: exchange.id });
  let partial: { text: string; citations: Citation[] } = { text: '', citations: [] };
  let retryFailed: string | null = null;
  try {
    const answer = await askStreaming(question, historyBefore(owner, index), controller.signal, {
      onText: (text, citations) => {
        const stuck = atEnd();
        partial = { text, citations };
        showStreamedText(streaming, text);
        if (stuck) scrollToEnd();
      },
    });
    exchange.answer = answer;
    exchange.text = answer.answer;
    exchange.status = 'answered';
  } catch (error) {
    const failure = error instanceof AskFailure ? error : new AskFailure('failed', 'La réponse n’a pas pu être lue : réessayez.');
    exchange.text = partial.text;
    // The markers of the text that came stay clickable.
    const cited = partial.citations.filter((citation) => partial.text.includes(`[${citation.index}]`));
    if (partial.text) exchange.answer = { answer: partial.text, citations: cited, abstained: false };
    exchange.status = failure.kind === 'stopped' ? 'stopped' : 'failed';
    if (failure.kind !== 'stopped') exchange.failure = failure.message;
    if (failure.kind === 'rejected' && input.value === '') {
      input.value = question;
      fitInput();
    }
    // A Retry that did not get a whole answer keeps the answer it was asked to replace.
    if (replacing?.status === 'answered' && previous >= 0 && owner.exchanges[index] === exchange) {
      owner.exchanges[index] = replacing;
      retryFailed = failure.kind === 'stopped' ? 'Nouvelle réponse arrêtée : la précédente est gardée.' : `${failure.message} La réponse précédente est gardée.`;
    }
  } finally {
    const stopHadFocus = document.activeElement === stopButton;
    setRunning(null);
    if (stopHadFocus) input.focus();
  }
  const shown = owner.exchanges[index] ?? exchange;
  const node = owner === conversation ? thread.querySelector(`[data-role="assistant"][data-exchange="${exchange.id}"]`) : null;
  if (node) {
    const stuck = atEnd();
    const message = assistantMessage(shown, actions);
    if (shown !== exchange) thread.querySelector(`[data-role="user"][data-exchange="${exchange.id}"]`)?.replaceWith(userMessage(shown));
    node.replaceWith(message);
    if (retryFailed) message.querySelector('.action-status')!.textContent = retryFailed;
    if (stuck) scrollToEnd();
  }
  owner.updatedAt = Date.now();
  store.save(owner, owner === conversation);
  renderList();
}

function stopRunning(): void {
  running?.controller.abort();
}

function startConversation(): void {
  stopRunning();
  panel.close(true);
  conversation = newConversation();
  store.open(conversation.id);
  renderThread();
  closeSidebar();
  input.value = '';
  input.focus();
}

function openConversation(id: string): void {
  const chosen = store.get(id);
  closeSidebar();
  if (!chosen || chosen.id === conversation.id) return;
  stopRunning();
  panel.close(true);
  conversation = chosen;
  store.open(id);
  renderThread();
  input.focus();
}

function deleteConversation(id: string): void {
  store.remove(id);
  if (id === conversation.id) return startConversation();
  renderList();
  byId('new-conversation').focus();
}

// The composer: Enter sends, Shift+Enter starts a new line, the box grows with the question.
function fitInput(): void {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 200)}px`;
}
input.addEventListener('input', fitInput);
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const question = input.value.trim();
  if (!question || running) return;
  input.value = '';
  fitInput();
  void ask(question);
});
stopButton.addEventListener('click', () => {
  stopRunning();
  input.focus();
});
byId('new-conversation').addEventListener('click', startConversation);

// Markers: hover or focus previews the passage, a click opens it in the panel.
function markerCitation(target: EventTarget | null): { marker: HTMLElement; citation: Citation } | null {
  const marker = (target as HTMLElement | null)?.closest?.<HTMLElement>('button.marker');
  const exchangeId = marker?.closest<HTMLElement>('[data-exchange]')?.dataset.exchange;
  const exchange = conversation.exchanges.find((known) => known.id === exchangeId);
  const citation = exchange?.answer?.citations.find((item) => String(item.index) === marker?.dataset.index);
  return marker && citation ? { marker, citation } : null;
}
thread.addEventListener('click', (event) => {
  const found = markerCitation(event.target);
  if (found) actions.openPassage(found.citation, found.marker);
});
for (const kind of ['mouseover', 'focusin'] as const) {
  thread.addEventListener(kind, (event) => {
    const found = markerCitation(event.target);
    if (found) preview.show(found.marker, found.citation);
  });
}
for (const kind of ['mouseout', 'focusout'] as const) {
  thread.addEventListener(kind, (event) => {
    if (markerCitation(event.target)) preview.hide();
  });
}
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') preview.hide();
});

// On a phone the conversation list is a drawer over the chat, which is inert while it is open.
const sidebarToggle = byId('sidebar-toggle');
const chat = byId('chat');
function closeSidebar(giveFocusBack = false): void {
  if (!document.body.classList.contains('sidebar-open')) return;
  document.body.classList.remove('sidebar-open');
  sidebarToggle.setAttribute('aria-expanded', 'false');
  chat.inert = false;
  if (giveFocusBack) sidebarToggle.focus();
}
sidebarToggle.addEventListener('click', () => {
  document.body.classList.add('sidebar-open');
  sidebarToggle.setAttribute('aria-expanded', 'true');
  chat.inert = true;
  byId('new-conversation').focus();
});
byId('sidebar-close').addEventListener('click', () => closeSidebar(true));
byId('sidebar-backdrop').addEventListener('click', () => closeSidebar(true));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') closeSidebar(true);
});

// Says when answers rest on words alone (no embedding model).
fetch('/health')
  .then((response) => (response.ok ? response.json() : null))
  .then((health: { mode?: string } | null) => {
    if (health?.mode !== 'lexical') return;
    const note = byId('mode-note');
    note.textContent = 'Recherche par mots seulement : le modèle sémantique n’est pas chargé, donc une question formulée autrement que les articles (synonymes, autre langue) trouve moins bien ses réponses.';
    note.hidden = false;
  })
  .catch(() => {});

// Questions made from the corpus and answered from it, to start from: on an empty thread only.
fetch('/examples')
  .then((response) => (response.ok ? response.json() : null))
  .then((body: { questions?: unknown[] } | null) => {
    const questions = (body?.questions ?? []).filter((question): question is string => typeof question === 'string').slice(0, MAX_EXAMPLES);
    const examples = byId('examples');
    examples.append(
      ...questions.map((question) => {
        const button = h('button', { type: 'button', class: 'example' }, question);
        button.addEventListener('click', () => void ask(question));
        return button;
      }),
    );
    examples.hidden = questions.length === 0;
  })
  .catch(() => {});

store.onChange(() => {
  // Another tab changed the kept conversations.
  const shown = store.get(conversation.id);
  if (shown && !running && shown.updatedAt > conversation.updatedAt) {
    conversation = shown;
    renderThread();
  } else renderList();
});
renderThread();
// Not on a touch screen: the keyboard would cover half the page before anything is asked.
if (matchMedia('(pointer: fine)').matches) input.focus();
