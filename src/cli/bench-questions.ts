/** Questions a reader of the shipped corpus asks; the benchmark cycles through them. */
export const BENCH_QUESTIONS = [
  "Qui a été recrutée pour diriger le lobbying d'OpenAI en Europe ?",
  'Qui dirigera le bureau de Paris ?',
  "Combien OpenAI a-t-elle levé lors de sa dernière levée de fonds ?",
  "Quelle est la valorisation d'OpenAI ?",
  'Dans quelles villes OpenAI ouvre-t-elle de nouveaux bureaux ?',
  'Que pense Jean-Baptiste Bouzige de la frugalité ?',
  "Pourquoi OpenAI a-t-elle choisi Paris ?",
  "Combien OpenAI pourrait-elle perdre l'année prochaine ?",
  'Qui supervise la politique IA pour les affaires mondiales ?',
  "Quand aura lieu le DevDay à Singapour ?",
  "Qui a remporté la Coupe du monde 2022 ?",
  "Quel est le prix du pain à Lyon ?",
];
