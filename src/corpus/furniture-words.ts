/**
 * The words of web page furniture, as French news sites print it on lines of their own: data, apart
 * from the rules of boilerplate.ts that use it: the rubric labels, widget headings and share bars
 * that French news pages print (moved here unchanged from boilerplate.ts, where they were written
 * for the shipped captures and the saved pages of tests/fixtures/pages). A rule only removes a line
 * that holds one of them alone, so a real sentence is never cut.
 */
export interface FurnitureWords {
  /** Lone section labels printed above a headline ("Eco", "Tech & IA", "Entretien"): lower case. */
  sectionLabels: readonly string[];
  /** Widget headings: never article text when they stand alone on a line: lower case. */
  widgetHeadings: readonly string[];
  /** What share bars list (regular-expression sources). */
  shareTargets: readonly string[];
}

export const FRENCH_FURNITURE: FurnitureWords = {
  sectionLabels: [
    'eco', 'éco', 'economie', 'économie', 'politique', 'société', 'societe', 'monde', 'international',
    'france', 'europe', 'tech', 'techno', 'technologie', 'technologies', 'high-tech', 'numérique',
    'science', 'sciences', 'santé', 'culture', 'sport', 'sports', 'médias', 'medias', 'entreprise',
    'entreprises', 'business', 'finance', 'finances', 'marchés', 'bourse', 'innovation', 'ia',
    'intelligence artificielle', 'start-up', 'start-ups', 'startup', 'startups', 'actualité',
    'actualités', 'actu', 'actus', 'idées', 'opinion', 'opinions', 'débats', 'environnement',
    'planète', 'climat', 'emploi', 'immobilier', 'auto', 'automobile', 'régions', 'justice',
    'éducation', 'énergie', 'industrie', 'télécoms', 'cybersécurité', 'cloud', 'data', 'dsi',
    'analyse', 'décryptage', 'enquête', 'entretien', 'interview', 'tribune', 'chronique',
    'éditorial', 'édito', 'exclusif', 'reportage', 'info', 'infos', 'à la une', 'en direct',
  ],
  widgetHeadings: [
    "dans l'actualité", 'dans l’actualité', 'les plus lus', 'les plus partagés', 'les plus commentés',
    'derniers articles', 'dernières actualités', 'dernières infos', 'nos dernières vidéos', 'en continu',
    'fil info', "fil d'actu", 'fil d’actu', 'commentaires', 'laisser un commentaire', 'réagir',
    'publicité', 'contenu sponsorisé', 'sponsorisé', 'contenu partenaire', 'suivez-nous',
    'newsletter', 'newsletters', 'podcasts', 'vidéos', 'menu', 'rechercher', 'se connecter',
    'connexion', 'mon compte', 'fermer', 'retour en haut', 'haut de page', 'sommaire',
  ],
  shareTargets: ['facebook', 'twitter', 'x', 'linkedin', 'whatsapp', 'e-?mail', 'mail', 'messenger', 'pinterest', 'reddit', 'telegram', 'bluesky', 'threads', 'flipboard', 'copier le lien'],
};
