/**
 * Questions a reader of the five shipped articles would ask, in varied shapes (who, when, how much,
 * why, what does X think), used as the rotating traffic of the load benchmark. Written from the
 * articles in corpus/; some are answerable, a few lean on a detail the answerer may abstain on.
 */
export const LOAD_QUESTIONS: readonly string[] = [
  "Qui dirigera le bureau d'OpenAI à Paris ?",
  "Quand OpenAI prévoit-elle d'ouvrir son bureau parisien ?",
  'Dans quelles villes OpenAI ouvre-t-elle de nouveaux bureaux ?',
  "Qui a été recrutée pour diriger le lobbying d'OpenAI en Europe ?",
  'Quel rôle occupe Martin Signoux chez OpenAI ?',
  "Combien d'argent Mistral AI a-t-elle déjà levé ?",
  "À combien est estimée la valorisation d'OpenAI après sa levée de fonds ?",
  'Qui a mené la levée de fonds de 6,6 milliards de dollars ?',
  "Combien OpenAI pourrait-elle perdre l'année prochaine ?",
  'Pourquoi OpenAI a-t-elle choisi de s’installer à Paris ?',
  'Pourquoi OpenAI ouvre-t-elle un bureau à Bruxelles ?',
  'Quand aura lieu la conférence DevDay à Singapour ?',
  "Qu'a déclaré Clara Chappaz sur l'arrivée d'OpenAI en France ?",
  "En quelle année Google a-t-il ouvert un laboratoire d'IA à Paris ?",
  'Quels profils OpenAI cherche-t-elle à recruter en France ?',
  "Que dit Jonathan Ross de la demande d'inférence ?",
  "Quels défis la demande en inférence pose-t-elle aux entreprises ?",
  "Pourquoi l'adoption de l'IA s'accélère-t-elle en Europe ?",
  "Que pense Jean-Baptiste Bouzige de l'intelligence artificielle générale ?",
  'Quels revenus OpenAI devrait-elle générer en 2024 ?',
  'Quelle dirigeante a récemment quitté OpenAI ?',
  'Qui a lancé le laboratoire Kyutai ?',
];
