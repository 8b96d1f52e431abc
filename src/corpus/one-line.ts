/** Whitespace collapsed to single spaces, trimmed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** `value` on one line when it is a string with some text in it, else null (metadata fields). */
export function textOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const line = oneLine(value);
  return line === '' ? null : line;
}
