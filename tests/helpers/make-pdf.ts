/**
 * A small, valid PDF built by hand: one page per entry, each a list of lines set in Helvetica
 * (WinAnsiEncoding, so French accents are single bytes), an empty line leaving a paragraph gap.
 * Like a press release exported by a word processor, without fonts to embed.
 */
export function makePdf(pages: readonly (readonly string[])[], info: { title?: string; author?: string } = {}): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) ;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const pageIds = pages.map((_, i) => 4 + i * 2);
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  for (const lines of pages) {
    const contentId = objects.length + 2;
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`);
    let y = 800;
    const operations = ['BT', '/F1 11 Tf'];
    for (const line of lines) {
      if (line !== '') operations.push(`1 0 0 1 56 ${y} Tm (${winAnsi(line)}) Tj`);
      y -= line === '' ? 10 : 14;
    }
    operations.push('ET');
    const stream = operations.join('\n');
    add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
  }
  const infoEntries = [info.title ? `/Title (${winAnsi(info.title)})` : '', info.author ? `/Author (${winAnsi(info.author)})` : ''].join(' ');
  add(`<< ${infoEntries} >>`);
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A PDF string literal in WinAnsiEncoding: the typographic apostrophe is byte 0x92, the others Latin-1. */
function winAnsi(text: string): string {
  return [...text]
    .map((char) => (char === '’' ? '\x92' : char === '€' ? '\x80' : char === '\u00a0' ? '\xa0' : char))
    .join('')
    .replace(/[\\()]/gu, (char) => `\\${char}`);
}
