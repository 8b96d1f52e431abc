import { LIMITS } from '../src/contracts/limits.js';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "2024-10-09T07:48:00" → "9 octobre 2024"; anything else → null. */
export function frenchDate(iso: string | null | undefined): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/u.exec(iso ?? '');
  if (!match) return null;
  const day = Number(match[3]);
  const month = MONTHS[Number(match[2]) - 1];
  if (!month) return null;
  return `${day === 1 ? '1er' : day} ${month} ${match[1]}`;
}

/** A moment as a conversation list shows it: the time today, else the French date. */
export function frenchWhen(epochMs: number, now = Date.now()): string {
  const date = new Date(epochMs);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return `aujourd’hui à ${date.getHours()} h ${String(date.getMinutes()).padStart(2, '0')}`;
  return `${date.getDate() === 1 ? '1er' : date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

/** The API's error codes, in French (the API's own messages are in English). */
export const REQUEST_ERRORS: Record<string, string> = {
  invalid_request: `elle doit être non vide et faire au plus ${LIMITS.questionCharacters} caractères`,
  payload_too_large: 'elle est trop longue',
  unsupported_media_type: 'la requête n’a pas le bon format',
  unauthorized: 'ce service demande une clé d’accès',
  invalid_utf8: 'elle contient des caractères illisibles',
};

/** The API's reasons ('"250" not in [1]', 'cites no source') in French. */
export function reasonInFrench(reason: string): string {
  if (reason === 'cites no source') return 'la phrase ne cite aucune source';
  return reason.replace(/"([^"]*)"/gu, '« $1 »').replace(/ not in (\[\d+\](?:\[\d+\])*)$/u, ' absent de $1');
}
