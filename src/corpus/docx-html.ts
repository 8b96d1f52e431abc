
/**
 * A Word document (.docx) as HTML, read with mammoth: paragraphs, headings (Word's Heading styles),
 * lists and tables, without the styling. The article's offsets index this HTML.
 */
export async function docxHtml(bytes: Uint8Array): Promise<string> {
  // A document may link images from elsewhere on disk: never follow them.
  // Loaded when a Word document is read, not at every start.
  const { default: mammoth } = await import('mammoth');
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { externalFileAccess: false });
  return value;
}
