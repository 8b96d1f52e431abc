/** Named entities common in French news pages. Unknown names are left as written. */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', narrownbsp: '\u202f', shy: '\u00ad', zwnj: '\u200c', zwj: '\u200d',
  laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  lsaquo: '‹', rsaquo: '›', hellip: '…', ndash: '–', mdash: '—', minus: '−', bull: '•', middot: '·',
  euro: '€', pound: '£', dollar: '$', cent: '¢', yen: '¥', copy: '©', reg: '®', trade: '™',
  deg: '°', percnt: '%', permil: '‰', sect: '§', para: '¶', times: '×', divide: '÷', plusmn: '±',
  frac12: '½', frac14: '¼', frac34: '¾', sup1: '¹', sup2: '²', sup3: '³', ordf: 'ª', ordm: 'º',
  iexcl: '¡', iquest: '¿', num: '#', commat: '@', colon: ':', semi: ';', comma: ',', period: '.',
  excl: '!', quest: '?', lpar: '(', rpar: ')', sol: '/', bsol: '\\', ast: '*', equals: '=',
  agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', auml: 'ä', aring: 'å', aelig: 'æ',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Auml: 'Ä', Aring: 'Å', AElig: 'Æ',
  ccedil: 'ç', Ccedil: 'Ç', egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Euml: 'Ë', igrave: 'ì', iacute: 'í', icirc: 'î', iuml: 'ï',
  Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î', Iuml: 'Ï', ntilde: 'ñ', Ntilde: 'Ñ',
  ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ouml: 'ö', oslash: 'ø', oelig: 'œ',
  Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ouml: 'Ö', Oslash: 'Ø', OElig: 'Œ',
  ugrave: 'ù', uacute: 'ú', ucirc: 'û', uuml: 'ü', Ugrave: 'Ù', Uacute: 'Ú', Ucirc: 'Û', Uuml: 'Ü',
  yacute: 'ý', yuml: 'ÿ', Yacute: 'Ý', Yuml: 'Ÿ', szlig: 'ß',
};

/** Numeric references 128–159 name Windows-1252 characters, as browsers decode them. */
const WINDOWS_1252: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/y;

export interface EntityMatch {
  text: string;
  length: number;
}

/** The character reference starting at `position` (which holds "&"), or null if it is not one. */
export function matchEntityAt(raw: string, position: number): EntityMatch | null {
  ENTITY.lastIndex = position;
  const m = ENTITY.exec(raw);
  if (!m) return null;
  if (m[3] !== undefined) {
    const named = NAMED_ENTITIES[m[3]];
    return named === undefined ? null : { text: named, length: m[0].length };
  }
  const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2] ?? '', 16);
  return { text: codePointToText(code), length: m[0].length };
}

/** Replaces every character reference in `text` (attribute values, titles). */
export function decodeEntities(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; ) {
    const entity = text[index] === '&' ? matchEntityAt(text, index) : null;
    if (entity) {
      out += entity.text;
      index += entity.length;
    } else {
      out += text[index];
      index += 1;
    }
  }
  return out;
}

function codePointToText(code: number): string {
  const mapped = WINDOWS_1252[code] ?? code;
  const invalid = mapped === 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff);
  return String.fromCodePoint(invalid ? 0xfffd : mapped);
}
