// The page talks to POST /ask and renders with textContent only: nothing from the server runs as markup.
const form = document.getElementById('ask-form');
const input = document.getElementById('question');
const button = document.getElementById('ask-button');
const status = document.getElementById('status');
const section = document.getElementById('answer-section');
const answerElement = document.getElementById('answer');
const sourcesElement = document.getElementById('sources');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const question = input.value.trim();
  if (!question) return;
  setBusy(true);
  showStatus('Recherche dans les articles…');
  try {
    const response = await fetch('/ask', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body?.error?.message ?? `erreur ${response.status}`);
    renderAnswer(body);
    showStatus('');
  } catch (error) {
    section.hidden = true;
    showStatus(`La question n’a pas pu être posée : ${error.message}`, true);
  } finally {
    setBusy(false);
  }
});

function renderAnswer(body) {
  answerElement.replaceChildren(...answerNodes(body.answer, body.unsupported ?? []));
  answerElement.classList.toggle('abstained', body.abstained);
  sourcesElement.replaceChildren(...body.citations.map(sourceItem));
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
  meta.textContent = [citation.section ? `« ${citation.section} »` : null, citation.outlet, citation.author, citation.date, citation.page ? `page ${citation.page}` : null, citation.source, `caractères ${citation.start}–${citation.end}`]
    .filter(Boolean)
    .join(' · ');
  const excerpt = document.createElement('blockquote');
  excerpt.className = 'excerpt';
  excerpt.replaceChildren(...excerptNodes(citation.excerpt, citation.highlights ?? []));
  item.append(title, meta, excerpt);
  return item;
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

function setBusy(busy) {
  button.disabled = busy;
  input.setAttribute('aria-busy', String(busy));
}

function showStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}
