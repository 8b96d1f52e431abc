/**
 * Questions a reader of the shipped corpus asks, with what a right answer contains and which
 * article it cites (`expect: null` when the articles do not answer it: the right answer abstains).
 * `npm run bench` times them; `npm run eval` scores the answers on the larger sets under eval/.
 */
export interface LabelledQuestion {
  question: string;
  expect: { answerContains: string; source: string } | null;
}

export const LABELLED_QUESTIONS: LabelledQuestion[] = [
  { question: "Qui a été recrutée pour diriger le lobbying d'OpenAI en Europe ?", expect: { answerContains: 'Julie Lavet', source: '001_2f24b03e2d55c6bf.txt' } },
  { question: 'Qui dirigera le bureau de Paris ?', expect: { answerContains: 'Janine Korovesis', source: '000_71dcd0df67353d15.txt' } },
  { question: 'Combien OpenAI a-t-elle levé lors de sa dernière levée de fonds ?', expect: { answerContains: 'milliards', source: '002_300cf649b219ff1f.txt' } },
  { question: "Quelle est la valorisation d'OpenAI ?", expect: { answerContains: '157', source: '002_300cf649b219ff1f.txt' } },
  { question: 'Dans quelles villes OpenAI ouvre-t-elle de nouveaux bureaux ?', expect: { answerContains: 'Singapour', source: '002_300cf649b219ff1f.txt' } },
  { question: 'Que pense Jean-Baptiste Bouzige de la frugalité ?', expect: { answerContains: 'Bouzige', source: '004_81d887d6e74563b3.txt' } },
  { question: "Combien OpenAI pourrait-elle perdre l'année prochaine ?", expect: { answerContains: '5 milliards', source: '004_81d887d6e74563b3.txt' } },
  { question: 'Qui supervise la politique IA pour les affaires mondiales ?', expect: { answerContains: 'Martin Signoux', source: '001_2f24b03e2d55c6bf.txt' } },
  { question: 'Quand aura lieu le DevDay à Singapour ?', expect: { answerContains: '21 novembre', source: '002_300cf649b219ff1f.txt' } },
  { question: 'Qui est Clara Chappaz ?', expect: { answerContains: 'secrétaire d’État', source: '002_300cf649b219ff1f.txt' } },
  { question: 'Qui a mené la levée de fonds de 6,6 milliards ?', expect: { answerContains: 'Thrive Capital', source: '004_81d887d6e74563b3.txt' } },
  { question: 'Que dit Jonathan Ross de la demande d’inférence ?', expect: { answerContains: 'Jonathan Ross', source: '003_f56942e7495b0a47.txt' } },
  { question: 'Combien Mistral AI a-t-elle levé ?', expect: { answerContains: 'milliard', source: '001_2f24b03e2d55c6bf.txt' } },
  { question: 'Quel jour aura lieu le DevDay ?', expect: { answerContains: '21 novembre', source: '002_300cf649b219ff1f.txt' } },
  { question: 'Quand OpenAI a-t-elle ete lancee ?', expect: { answerContains: '2015', source: '001_2f24b03e2d55c6bf.txt' } },
  { question: 'En quelle année OpenAI ouvrira-t-elle un bureau à Paris ?', expect: { answerContains: '2024', source: '000_71dcd0df67353d15.txt' } },
  { question: 'Quand Google a-t-il ouvert son siège à Paris ?', expect: { answerContains: '2011', source: '000_71dcd0df67353d15.txt' } },
  { question: "Qui est la directrice financière d'OpenAI ?", expect: { answerContains: 'Sarah Friar', source: '002_300cf649b219ff1f.txt' } },
  { question: 'Qui est le fondateur de Groq ?', expect: { answerContains: 'Jonathan Ross', source: '003_f56942e7495b0a47.txt' } },
  { question: 'Qui a remporté la Coupe du monde 2022 ?', expect: null },
  { question: 'Qui est le président de la France ?', expect: null },
  { question: 'Qui a mené la levée de fonds de Mistral AI ?', expect: null },
  { question: 'Qui est le PDG de Microsoft ?', expect: null },
  { question: 'Quelle est la capitale de la France ?', expect: null },
  { question: 'Quel est le prix du pain à Lyon ?', expect: null },
  { question: 'Qui est le président de la République française ?', expect: null },
  { question: 'Quel temps fera-t-il demain à Paris ?', expect: null },
  { question: "Quelle est la capitale de l'Australie ?", expect: null },
  { question: 'Combien coûte un iPhone ?', expect: null },
  { question: 'Qui a gagné les élections européennes ?', expect: null },
  { question: 'Quand OpenAI a-t-elle été fondée ?', expect: { answerContains: '2015', source: '001_2f24b03e2d55c6bf.txt' } },
  { question: 'En quelle année OpenAI a-t-elle été lancée ?', expect: { answerContains: '2015', source: '001_2f24b03e2d55c6bf.txt' } },
  { question: 'Qui a fondé Google ?', expect: null },
  { question: 'Qui est le PDG de Mistral AI ?', expect: null },
  { question: 'Quand Mistral AI a-t-elle été créée ?', expect: null },
  { question: 'Combien de salariés compte Mistral AI ?', expect: null },
];

export const BENCH_QUESTIONS: string[] = LABELLED_QUESTIONS.map((item) => item.question);
