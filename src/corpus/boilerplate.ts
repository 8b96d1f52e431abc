import { SKIPPED_TEXT_MARK } from './choose-html-reader.js';
import { FRENCH_FURNITURE } from './furniture-words.js';
import type { ClassifiedLine } from './lines.js';

/**
 * Web boilerplate that French news captures carry as whole lines. A line is tested after
 * `normaliseForMatching` (list/heading markers and markdown links removed, spaces collapsed), and
 * only whole lines are removed, so a rule never eats part of a sentence.
 */
export interface BoilerplateRule {
  name: string;
  /** Why such a line is noise. */
  note: string;
  /** Lines longer than this (normalised) are prose, whatever they start with. */
  maxLength: number;
  /** Only above the headline (category labels would be real words further down). */
  headerOnly?: boolean;
  test(normalisedLine: string): boolean;
}

const APOS = "['’]";

const SECTION_LABELS = new Set(FRENCH_FURNITURE.sectionLabels);
const SITE_WIDGET_LINES = new Set(FRENCH_FURNITURE.widgetHeadings);

const READ_ALSO_MARKER =
  "(?:(?:à|a)\\s+)?(?:lire|voir|écouter|regarder)\\s+(?:aussi|également|encore)(?![\\p{L}])|sur le même (?:sujet|thème)|(?:articles?|contenus?|sujets?)\\s+(?:similaires|liés|associés|recommandés)|(?:ces|d['’]autres) articles (?:peuvent|pourraient) vous intéresser|vous aimerez aussi";
const SOCIAL_NETWORK = `(?:${FRENCH_FURNITURE.shareTargets.join('|')})`;

const SHARE_LINE = new RegExp(
  `^(?:partager|partagez|partage|share|tweeter|imprimer|envoyer par e-?mail|copier le lien)(?:\\s+(?:l${APOS}article|cet article|ce contenu|la page|sur\\s+[\\p{L}()-]+(?:\\s+[\\p{L}()-]+){0,2}|par\\s+e-?mail))?\\s*:?$`,
  'iu',
);
const SHARE_BAR = new RegExp(`^(?:${SOCIAL_NETWORK}[\\s,|•·/]*){2,}$`, 'iu');
const PAYWALL_LINE = new RegExp(
  [
    '^il vous reste (?:encore )?(?:à lire )?\\d+(?:[.,]\\d+)?\\s?%',
    `^(?:(?:cet |l${APOS})?article (?:est )?)?réservé aux abonnés`,
    `^(?:le reste|la suite)(?: de (?:cet |l${APOS})\\s?article)? est (?:exclusivement )?(?:réservée? )?(?:pour |aux )(?:les )?abonnés`,
    `^(?:déjà abonnée?|abonnez-vous|s${APOS}abonner|je m${APOS}abonne|lire la suite|offre (?:spéciale|découverte|d${APOS}abonnement))(?![\\p{L}])`,
    `^(?:pour lire|pour accéder à) (?:la suite|cet article|l${APOS}intégralité)`,
  ].join('|'),
  'iu',
);
/** A manual page's header ("NAME(1) … NAME(1)") or footer ("… date NAME(1)"): the page name and section, in capitals, ending the line. */
const MAN_PAGE_FRAME = /^(?:([A-Z][A-Z0-9_.+-]*\(\d\w*\)) .+ \1|\S.* \S.* [A-Z][A-Z0-9_.+-]*\(\d\w*\))$/u;
const READ_ALSO_LINE = new RegExp(`^(?:${READ_ALSO_MARKER})`, 'iu');

export const BOILERPLATE_RULES: readonly BoilerplateRule[] = [
  {
    name: 'left-out-by-reader',
    note: 'where the main-content reader left out page text (see choose-html-reader.ts): it ends the block',
    maxLength: 1,
    test: (line) => line === SKIPPED_TEXT_MARK,
  },
  {
    name: 'man-page-header',
    note: 'the first and last line of a manual page printed as text: "CRONTAB(1) General Commands Manual CRONTAB(1)", "GNU coreutils 9.1 Septembre 2022 CP(1)"',
    maxLength: 160,
    test: (line) => MAN_PAGE_FRAME.test(line),
  },
  {
    name: 'share',
    note: 'share buttons captured as text: "Partager", "- Partager l\'article :", "Partager sur Facebook"',
    maxLength: 60,
    test: (line) => SHARE_LINE.test(line),
  },
  {
    name: 'share-bar',
    note: 'a line made only of social network names',
    maxLength: 120,
    test: (line) => SHARE_BAR.test(line),
  },
  {
    name: 'paywall',
    note: 'paywall notices: "Il vous reste encore à lire 28.07% de cet article…", "Réservé aux abonnés"',
    maxLength: 300,
    test: (line) => PAYWALL_LINE.test(line),
  },
  {
    name: 'category',
    note: 'category and tag lines: "Catégories: Economie", "Rubrique : Tech", "Mots-clés : …"',
    maxLength: 200,
    test: (line) => /^(?:catégories?|categories?|rubriques?|tags?|mots[- ]clés|thèmes?|sujets?|sections?)\s*:/iu.test(line),
  },
  {
    name: 'section-label',
    note: 'a lone section name above the headline ("Eco", "Tech & IA")',
    maxLength: 40,
    headerOnly: true,
    test: (line) =>
      line
        .toLowerCase()
        .split(/\s*[/&|>›»,·•]\s*|\s+et\s+/u)
        .every((part) => SECTION_LABELS.has(part.trim())),
  },
  {
    name: 'breadcrumb',
    note: 'navigation trail: "Accueil > Eco > Entreprises"',
    maxLength: 200,
    test: (line) => /^accueil\s*[>»/›|]/iu.test(line),
  },
  {
    name: 'separator',
    note: 'a line of punctuation only, such as a lone "|" between menu items',
    maxLength: 200,
    test: (line) => /^[|•·/\\\-–—_=*~>»›+#]+$/u.test(line.replace(/\s+/gu, '')),
  },
  {
    name: 'read-also',
    note: 'related-article teasers: "À LIRE AUSSI :", "Lire aussi : …", "Sur le même sujet" (a teaser title on the next line is handled in context)',
    maxLength: 200,
    test: (line) => READ_ALSO_LINE.test(line),
  },
  {
    name: 'site-widget',
    note: 'lone widget headings of news sites: "Dans l\'actualité", "Les plus lus", "Publicité"',
    maxLength: 40,
    test: (line) => SITE_WIDGET_LINES.has(line.toLowerCase().replace(/\s*:$/u, '')),
  },
  {
    name: 'newsletter',
    note: 'newsletter prompts: "Inscrivez-vous à notre newsletter", "Recevez notre newsletter"',
    maxLength: 250,
    test: (line) =>
      /^(?:inscrivez-vous|abonnez-vous|recevez|s['’]inscrire|je m['’]inscris|ne manquez rien|restez informé)\b.*\bnewsletters?\b|^(?:votre|notre|la) newsletter\b|\bnewsletter\b.*\b(?:inscri|adresse e-?mail)/iu.test(
        line,
      ),
  },
  {
    name: 'cookies',
    note: 'cookie consent banners',
    maxLength: 400,
    test: (line) =>
      /\b(?:cookies?|traceurs)\b/iu.test(line) &&
      /^(?:nous utilisons|ce site utilise|notre site utilise|en poursuivant|en continuant|accepter|refuser|tout accepter|tout refuser|continuer sans accepter|gérer|paramétrer|personnaliser|nos partenaires|avec nos partenaires)/iu.test(line),
  },
  {
    name: 'tracking-credit',
    note: 'analytics and CMS credits: "Verified by MonsterInsights", "Propulsé par WordPress"',
    maxLength: 120,
    test: (line) => /^(?:verified|powered|tracked|protected) by\b|^(?:site )?(?:propulsé|réalisé|hébergé) par\b/iu.test(line),
  },
  {
    name: 'copyright',
    note: 'legal footer: "© 2024 …", "Tous droits réservés"',
    maxLength: 200,
    test: (line) => /^(?:©|\(c\)\s|copyright\b)|^tous droits réservés\b/iu.test(line),
  },
  {
    name: 'reading-time',
    note: 'reading-time badges: "Lecture : 3 min", "4 min de lecture"',
    maxLength: 40,
    test: (line) => /^(?:temps de )?lecture\s*:?\s*\d+\s*min(?:utes?)?\.?$|^\d+\s*min(?:utes?)?\s+de lecture\.?$/iu.test(line),
  },
  {
    name: 'advertisement',
    note: 'an offer with a price and a call to action: "Découvrez Lisa, … Pour seulement 10 € par mois, vous pouvez…"',
    maxLength: 1200,
    test: (line) => hasPriceOffer(line) && hasCallToAction(line),
  },
];

/** "À LIRE AUSSI :" alone on its line: the teaser title, if any, is on the next line. */
const BARE_READ_ALSO = new RegExp(`^(?:${READ_ALSO_MARKER})\\s*:?$`, 'iu');
const MAX_TEASER_TITLE_LENGTH = 150;
const MAX_AD_HOOK_LENGTH = 200;

/** Frequent French words too common to show that a heading and a paragraph are about the same thing. */
const COMMON_WORDS = new Set([
  'pour', 'dans', 'avec', 'sans', 'plus', 'moins', 'sont', 'cette', 'leur', 'leurs', 'mais', 'elle',
  'elles', 'nous', 'vous', 'comme', 'être', 'fait', 'tout', 'tous', 'toute', 'toutes', 'entre',
  'aussi', 'dont', 'sous', 'chez', 'vers', 'ceux', 'celle', 'celui', 'avoir', 'très', 'bien',
  'encore', 'depuis', 'alors', 'donc', 'quand', 'quel', 'quelle', 'quels', 'quelles', 'selon',
]);

export function normaliseForMatching(line: string): string {
  let text = line.replace(/[\s\u00a0\u202f\ufeff]+/gu, ' ').trim();
  text = text.replace(/!?\[([^\]]*)\]\([^)]*\)/gu, '$1');
  for (;;) {
    const stripped = text.replace(/^(?:[-*+•·>]|#{1,6}|\d{1,2}[.)])\s+/u, '').replace(/^[*_]+|[*_]+$/gu, '').trim();
    if (stripped === text) return text;
    text = stripped;
  }
}

/** The rule that makes this line boilerplate, if any. `beforeHeadline`: no article text seen yet. */
export function findBoilerplateRule(line: string, beforeHeadline: boolean): BoilerplateRule | null {
  const normalised = normaliseForMatching(line);
  if (normalised === '') return null;
  return (
    BOILERPLATE_RULES.find(
      (rule) => normalised.length <= rule.maxLength && (beforeHeadline || !rule.headerOnly) && rule.test(normalised),
    ) ?? null
  );
}

export function isBoilerplateLine(line: string, beforeHeadline = false): boolean {
  return findBoilerplateRule(line, beforeHeadline) !== null;
}

/**
 * Rules that need the neighbouring lines, applied after the line-by-line pass:
 * - the title after "À LIRE AUSSI :" is a teaser unless it introduces the paragraph after it
 *   (shares a significant word with it), which is how a real section heading reads;
 * - a short second-person question just before an advertisement is the ad's hook.
 * Returns a copy of `lines` with those lines marked as boilerplate.
 */
export function applyContextualBoilerplate(lines: readonly ClassifiedLine[]): ClassifiedLine[] {
  const result = lines.map((line) => ({ ...line }));
  result.forEach((line, index) => {
    if (line.kind !== 'boilerplate' || line.rule === null) return;
    if (line.rule === 'read-also' && BARE_READ_ALSO.test(normaliseForMatching(line.text))) {
      const teaser = nextNonBlank(result, index, 1);
      if (teaser !== null && isTeaserTitle(result, teaser)) markBoilerplate(result, teaser, 'read-also-teaser');
    }
    if (line.rule === 'advertisement') {
      const hook = nextNonBlank(result, index, -1);
      if (hook !== null && isAdvertisementHook(result[hook]?.text ?? '')) markBoilerplate(result, hook, 'advertisement-hook');
    }
  });
  return result;
}

function isTeaserTitle(lines: readonly ClassifiedLine[], index: number): boolean {
  const candidate = lines[index];
  if (!candidate || candidate.kind !== 'content') return false;
  const title = normaliseForMatching(candidate.text);
  if (title.length > MAX_TEASER_TITLE_LENGTH || /[.;,]$/u.test(title)) return false;
  const followingIndex = nextNonBlank(lines, index, 1);
  const following = followingIndex === null ? undefined : lines[followingIndex];
  if (!following || following.kind !== 'content') return true;
  return !sharesSignificantWord(title, following.text);
}

function isAdvertisementHook(text: string): boolean {
  const line = normaliseForMatching(text);
  return line.length <= MAX_AD_HOOK_LENGTH && /\?$/u.test(line) && /\b(?:vous|votre|vos)\b/iu.test(line);
}

function hasPriceOffer(line: string): boolean {
  return /\d+(?:[.,]\d+)?\s?(?:€|euros?)(?:\s?(?:HT|TTC))?\s?(?:par|\/)\s?(?:mois|an|année|semaine)|(?:pour seulement|à partir de|dès)\s+\d+(?:[.,]\d+)?\s?(?:€|euros?)/iu.test(
    line,
  );
}

function hasCallToAction(line: string): boolean {
  return /^(?:découvrez|essayez|profitez|abonnez-vous|testez|inscrivez-vous|téléchargez|commandez|rejoignez)\b|\b(?:dès maintenant|dès aujourd['’]hui|sans engagement|essai gratuit|offre spéciale|pour seulement|vous pouvez (?:l['’])?(?:embaucher|essayer|tester|profiter|commander|vous abonner))/iu.test(
    line,
  );
}

function sharesSignificantWord(a: string, b: string): boolean {
  const words = (text: string): Set<string> =>
    new Set((text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((word) => !COMMON_WORDS.has(word)));
  const inB = words(b);
  return [...words(a)].some((word) => inB.has(word));
}

function nextNonBlank(lines: readonly ClassifiedLine[], from: number, step: 1 | -1): number | null {
  for (let index = from + step; index >= 0 && index < lines.length; index += step) {
    if (lines[index]?.kind !== 'blank') return index;
  }
  return null;
}

function markBoilerplate(lines: ClassifiedLine[], index: number, rule: string): void {
  const line = lines[index];
  if (line) lines[index] = { ...line, kind: 'boilerplate', rule, metadata: null };
}
