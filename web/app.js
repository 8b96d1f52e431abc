// The page talks to POST /ask and renders with textContent only: nothing from the server runs as markup.
const form = document.getElementById('ask-form');
const input = document.getElementById('question');
const button = document.getElementById('ask-button');
const status = document.getElementById('status');
const section = document.getElementById('answer-section');
const answerElement = document.getElementById('answer');
const sourcesElement = document.getElementById('sources');

const sourcesHeading = document.getElementById('sources-heading');
const modeNote = document.getElementById('mode-note');
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** The API's error codes, in French (the messages of the API are in English). */
const ERRORS = {
  invalid_request: 'la question n’est pas valable : elle doit être non vide et faire au plus 2000 caractères',
  payload_too_large: 'la question est trop longue',
  unsupported_media_type: 'la requête n’a pas le bon format',
  too_many_requests: 'trop de questions en même temps : réessayez dans un instant',
  unauthorized: 'ce service demande une clé d’accès',
};

// Enter sends; Shift+Enter starts a new line; the field grows with the question.
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});
input.addEventListener('input', () => {
  input.style.height = 'auto';
  input.style.height = `${input.scrollHeight}px`;
});

// Says when answers rest on words alone (no embedding model).
fetch('/health')
  .then((response) => (response.ok ? response.json() : null))
  .then((health) => {
    if (health?.mode !== 'lexical') return;
    modeNote.textContent = 'Recherche par mots seulement : le modèle sémantique n’est pas chargé, donc une question formulée autrement que les articles (synonymes, autre langue) trouve moins bien ses réponses.';
    modeNote.hidden = false;
  })
  .catch(() => {});

const examples = document.getElementById('examples');
const threadSection = document.getElementById('thread-section');
const thread = document.getElementById('thread');
const queryNote = document.getElementById('query-note');
const MAX_EXAMPLES = 3;
const panel = document.getElementById('panel');
let citationsShown = [];
let answerShown = '';

// A citation opens a side panel (a sheet on a phone) with its article and the passage; Escape closes it.
answerElement.addEventListener('click', (event) => {
  const marker = event.target.closest?.('a.marker');
  if (!marker) return;
  const citation = citationsShown.find((item) => `#source-${item.index}` === marker.getAttribute('href'));
  if (citation) openPanel(citation, marker);
});
document.getElementById('panel-close').addEventListener('click', () => closePanel());
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !panel.hidden) closePanel();
});
document.getElementById('copy-answer').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(answerShown);
    showStatus('Réponse copiée.');
  } catch {
    showStatus('La réponse n’a pas pu être copiée.', true);
  }
});
let panelOpener = null;

function openPanel(citation, opener) {
  panelOpener = opener;
  document.getElementById('panel-title').textContent = citation.title ?? citation.source;
  document.getElementById('panel-meta').textContent = [citation.outlet, citation.author, frenchDate(citation.date), citation.section ? `« ${citation.section} »` : null].filter(Boolean).join(' · ');
  document.getElementById('panel-excerpt').replaceChildren(...excerptNodes(citation.excerpt, citation.highlights ?? []));
  document.getElementById('panel-article').href = `/sources/${encodeURIComponent(citation.source)}?highlight=${citation.start}-${citation.end}#passage-cite`;
  panel.hidden = false;
  // After the link's own jump to its source card, which would take the focus back.
  setTimeout(() => document.getElementById('panel-close').focus(), 0);
}

function closePanel() {
  panel.hidden = true;
  panelOpener?.focus();
}
/** The conversation so far, sent as `history` so that a follow-up ("Et à Bruxelles ?") is understood. */
let history = [];
let current = null;

document.getElementById('new-conversation').addEventListener('click', () => {
  history = [];
  current = null;
  thread.replaceChildren();
  threadSection.hidden = true;
  examples.hidden = exampleCount === 0;
  section.hidden = true;
  showStatus('');
  input.value = '';
  input.focus();
});

// Questions to start from, made from the corpus and answered from it (GET /examples): shown on an empty thread only.
let exampleCount = 0;
fetch('/examples')
  .then((response) => (response.ok ? response.json() : null))
  .then((body) => {
    const questions = (body?.questions ?? []).filter((question) => typeof question === 'string').slice(0, MAX_EXAMPLES);
    for (const question of questions) {
      const example = document.createElement('button');
      example.type = 'button';
      example.className = 'example';
      example.textContent = question;
      example.addEventListener('click', () => {
        input.value = question;
        form.requestSubmit();
      });
      examples.append(example);
    }
    exampleCount = questions.length;
    examples.hidden = exampleCount === 0 || thread.children.length > 0;
  })
  .catch(() => {});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const question = input.value.trim();
  if (!question) return;
  examples.hidden = true;
  setBusy(true);
  showStatus('Recherche dans les articles…');
  try {
    const response = await fetch('/ask', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question, history, stream: true }),
    });
    if (!response.ok) {
      const failure = await response.json().catch(() => null);
      throw new Error(ERRORS[failure?.error?.code] ?? `le serveur a répondu une erreur ${response.status}`);
    }
    // The previous exchange joins the thread; this one is shown in full below it.
    if (current) addToThread(current);
    const body = await readAnswerStream(response);
    current = { question, answer: body.answer };
    history = [...history, { role: 'user', content: question }, { role: 'assistant', content: body.answer }].slice(-20);
    renderAnswer(body);
    queryNote.hidden = !body.query || body.query === question;
    queryNote.textContent = queryNote.hidden ? '' : `Question comprise : ${body.query}`;
    input.value = '';
    showStatus('');
  } catch (error) {
    section.hidden = true;
    const reason = error instanceof TypeError ? 'le serveur ne répond pas (est-il lancé ?)' : error.message;
    showStatus(`La question n’a pas pu être posée : ${reason}.`, true);
  } finally {
    setBusy(false);
  }
});

function renderAnswer(body) {
  citationsShown = body.citations ?? [];
  answerShown = body.answer;
  resetFeedback();
  // Sources that disagree are said before the answer, each value with its source number.
  const conflictNote = document.getElementById('conflict-note');
  const conflicts = body.conflicts ?? [];
  conflictNote.hidden = conflicts.length === 0;
  conflictNote.textContent = conflicts
    .map((conflict) => `Les sources ne donnent pas le même chiffre : ${conflict.values.map((value) => `${value.value}${value.index ? ` [${value.index}]` : ''}`).join(' ou ')}.`)
    .join(' ');
  answerElement.replaceChildren(...answerNodes(body.answer, body.unsupported ?? []));
  answerElement.classList.toggle('abstained', body.abstained);
  // An abstention shows the closest passages, so a reader is never at a dead end.
  const items = body.abstained ? (body.related ?? []).map((passage, i) => ({ ...passage, index: i + 1, highlights: [] })) : body.citations;
  sourcesHeading.textContent = body.abstained ? 'Passages les plus proches' : 'Sources';
  sourcesHeading.hidden = items.length === 0;
  sourcesElement.replaceChildren(...items.map(sourceItem));
  section.hidden = false;
}

/**
 * Splits the answer text around its [n] markers, turning each marker into a link to its source; a
 * sentence its sources do not back (`unsupported`) is marked, with the reason as its title.
 */
function answerNodes(answer, unsupported) {
  const nodes = [];
  let last = 0;
  for (const match of answer.matchAll(/\[(\d+)\]/g)) {
    nodes.push(...textNodes(answer.slice(last, match.index), unsupported));
    const link = document.createElement('a');
    link.className = 'marker';
    link.href = `#source-${match[1]}`;
    link.textContent = match[0];
    nodes.push(link);
    last = match.index + match[0].length;
  }
  nodes.push(...textNodes(answer.slice(last), unsupported));
  return nodes;
}

/** The API's reasons ('"250" not in [1]', 'cites no source') as the page's French. */
function inFrench(reason) {
  if (reason === 'cites no source') return 'la phrase ne cite aucune source';
  return reason.replace(/"([^"]*)"/g, '« $1 »').replace(/ not in (\[\d+\](?:\[\d+\])*)$/, ' absent de $1');
}

function textNodes(text, unsupported) {
  const claim = unsupported.find((item) => item.sentence && text.includes(item.sentence));
  if (!claim) return [document.createTextNode(text)];
  const at = text.indexOf(claim.sentence);
  const mark = document.createElement('span');
  mark.className = 'unsupported';
  mark.title = `Non vérifié dans la source citée : ${inFrench(claim.reason)}`;
  mark.textContent = claim.sentence;
  const rest = unsupported.filter((item) => item !== claim);
  return [...textNodes(text.slice(0, at), rest), mark, ...textNodes(text.slice(at + claim.sentence.length), rest)];
}

function sourceItem(citation) {
  const item = document.createElement('li');
  item.id = `source-${citation.index}`;
  item.value = citation.index;
  const title = document.createElement('div');
  title.className = 'source-title';
  title.textContent = citation.title ?? citation.source;
  const meta = document.createElement('div');
  meta.className = 'source-meta';
  meta.textContent = [citation.outlet, citation.author, frenchDate(citation.date), citation.section ? `« ${citation.section} »` : null, citation.page ? `page ${citation.page}` : null]
    .filter(Boolean)
    .join(' · ');
  const whole = document.createElement('a');
  whole.className = 'whole-article';
  whole.href = `/sources/${encodeURIComponent(citation.source)}?highlight=${citation.start}-${citation.end}#passage-cite`;
  whole.textContent = 'Lire l’article entier';
  const excerpt = document.createElement('blockquote');
  excerpt.className = 'excerpt';
  excerpt.replaceChildren(...excerptNodes(citation.excerpt, citation.highlights ?? []));
  item.append(title, meta, excerpt, whole);
  return item;
}

/** "2024-10-09T07:48:00" → "9 octobre 2024"; null stays null. */
function frenchDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!match) return null;
  const day = Number(match[3]);
  return `${day === 1 ? '1er' : day} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** The excerpt as text, with the sentences the answer quotes wrapped in <mark>. */
function excerptNodes(text, highlights) {
  const nodes = [];
  let last = 0;
  for (const { start, end } of highlights) {
    if (start < last || end > text.length) continue;
    nodes.push(document.createTextNode(text.slice(last, start)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    nodes.push(mark);
    last = end;
  }
  nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

/**
 * Reads the server-sent events of a streamed answer: the text appears as it comes (`delta`), starts
 * over on `reset`, and the full answer with its sources arrives in `done`. A stream that ends
 * without `done` was cut: the reader is told so.
 */
async function readAnswerStream(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let streamed = '';
  section.hidden = false;
  answerElement.classList.remove('abstained');
  answerElement.textContent = '';
  sourcesElement.replaceChildren();
  sourcesHeading.hidden = true;
  queryNote.hidden = true;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
      if (event === 'delta') {
        streamed += data.text;
        answerElement.textContent = streamed;
      } else if (event === 'reset') {
        streamed = '';
        answerElement.textContent = '';
      } else if (event === 'error') {
        throw new Error('la réponse n’a pas pu être terminée, réessayez');
      } else if (event === 'done') {
        return data;
      }
    }
  }
  throw new Error('la réponse a été interrompue en route, réessayez');
}

function addToThread(exchange) {
  const item = document.createElement('li');
  const asked = document.createElement('p');
  asked.className = 'thread-question';
  asked.textContent = exchange.question;
  const answered = document.createElement('p');
  answered.className = 'thread-answer';
  answered.textContent = exchange.answer;
  item.append(asked, answered);
  thread.append(item);
  threadSection.hidden = false;
  examples.hidden = true;
}

function setBusy(busy) {
  button.disabled = busy;
  input.setAttribute('aria-busy', String(busy));
}

function showStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

// 👍/👎 under the answer: sent to POST /feedback with the question, the answer and its citations.
const feedbackUp = document.getElementById('feedback-up');
const feedbackDown = document.getElementById('feedback-down');
const feedbackForm = document.getElementById('feedback-form');
const feedbackComment = document.getElementById('feedback-comment');
const feedbackStatus = document.getElementById('feedback-status');

function resetFeedback() {
  feedbackUp.disabled = false;
  feedbackDown.disabled = false;
  feedbackUp.setAttribute('aria-pressed', 'false');
  feedbackDown.setAttribute('aria-pressed', 'false');
  feedbackForm.hidden = true;
  feedbackComment.value = '';
  feedbackStatus.textContent = '';
}

async function sendFeedback(verdict, comment) {
  if (!current) return;
  feedbackUp.disabled = true;
  feedbackDown.disabled = true;
  const citations = citationsShown.map((citation) => ({ source: citation.source, start: citation.start, end: citation.end }));
  try {
    const response = await fetch('/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ verdict, question: current.question, answer: current.answer, citations, ...(comment ? { comment } : {}) }),
    });
    if (!response.ok) throw new Error(String(response.status));
    feedbackForm.hidden = true;
    feedbackStatus.textContent = 'Merci, votre avis est enregistré.';
  } catch {
    feedbackUp.disabled = false;
    feedbackDown.disabled = false;
    feedbackStatus.textContent = 'Votre avis n’a pas pu être envoyé : réessayez.';
  }
}

feedbackUp.addEventListener('click', () => {
  feedbackUp.setAttribute('aria-pressed', 'true');
  void sendFeedback('up');
});
feedbackDown.addEventListener('click', () => {
  feedbackDown.setAttribute('aria-pressed', 'true');
  feedbackForm.hidden = false;
  feedbackComment.focus();
});
feedbackForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void sendFeedback('down', feedbackComment.value.trim());
});
