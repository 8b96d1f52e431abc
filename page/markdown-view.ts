import type { Nodes, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Citation, UnsupportedClaim } from './api-types.js';
import { textWithMarkers } from './answer-text.js';
import { h } from './dom.js';

/**
 * An LLM's answer as Markdown (bold, lists, code, links), built as DOM nodes from the syntax tree of
 * mdast-util-from-markdown (the micromark parser the corpus reader uses): raw HTML in the answer is
 * shown as the text it is, images as their alt text, and only http(s) links become links.
 * The [n] markers in its text are marker buttons like in a quoted answer.
 */
export function markdownNodes(markdown: string, citations: readonly Citation[], unsupported: readonly UnsupportedClaim[]): Node[] {
  const render = (node: Nodes): Node[] => {
    const children = (): Node[] => ('children' in node ? (node.children as RootContent[]).flatMap(render) : []);
    switch (node.type) {
      case 'root':
        return children();
      case 'paragraph':
        return [h('p', {}, ...children())];
      case 'heading':
        return [h('p', { class: 'md-heading' }, h('strong', {}, ...children()))];
      case 'text':
        return textWithMarkers(node.value, citations, unsupported);
      case 'strong':
        return [h('strong', {}, ...children())];
      case 'emphasis':
        return [h('em', {}, ...children())];
      case 'inlineCode':
        return [h('code', {}, node.value)];
      case 'code':
        return [h('pre', {}, h('code', {}, node.value))];
      case 'list':
        return [node.ordered ? h('ol', node.start && node.start !== 1 ? { start: String(node.start) } : {}, ...children()) : h('ul', {}, ...children())];
      case 'listItem':
        return [h('li', {}, ...children())];
      case 'blockquote':
        return [h('blockquote', {}, ...children())];
      case 'break':
        return [h('br')];
      case 'thematicBreak':
        return [h('hr')];
      case 'link':
        // A link's text is plain text: a marker button inside a link would be a control inside a control.
        return /^https?:\/\//iu.test(node.url) ? [h('a', { href: node.url, target: '_blank', rel: 'noopener noreferrer' }, plainText(node))] : children();
      case 'image':
        return node.alt ? [document.createTextNode(node.alt)] : [];
      case 'html':
        return [document.createTextNode(node.value)];
      default:
        return children();
    }
  };
  return render(fromMarkdown(markdown));
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  return 'children' in node ? (node.children as RootContent[]).map(plainText).join('') : '';
}
