// The readable text of an e-mail that came as HTML only (many mail programs send no plain part):
// blocks and line breaks become lines, list items bullets, links keep their address, scripts,
// styles and comments go, character references are decoded. What comes out is plain text for a
// task's description, shown as text (never as HTML), so nothing here needs to be safe as markup.

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  deg: '°',
  times: '×',
};

/** Decodes character references: named ones in common use, and every numeric one (a bad one stays as written). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'blockquote',
  'pre',
  'section',
  'article',
  'header',
  'footer',
  'ul',
  'ol',
  'address',
]);
/** Elements whose content is not text to read. */
const SKIPPED = new Set(['script', 'style', 'head', 'title']);
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/**
 * One pass, each character looked at a bounded number of times (indexOf forward, never a pattern
 * over the whole message): anyone can write to the practice's inbox, so a crafted body must not
 * cost more than its length.
 */
export function textOfHtml(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  const links: { href: string; at: number }[] = [];
  for (let i = 0; i < html.length;) {
    const open = html.indexOf('<', i);
    if (open === -1) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, open);
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      if (end === -1) break;
      i = end + 3;
      continue;
    }
    const close = html.indexOf('>', open + 1);
    if (close === -1) break;
    const tag = html.slice(open + 1, close);
    i = close + 1;
    const name = /^\/?\s*([a-z][a-z0-9]*)/i.exec(tag)?.[1]?.toLowerCase() ?? '';
    const closing = tag.startsWith('/');
    if (SKIPPED.has(name) && !closing) {
      const end = lower.indexOf(`</${name}`, i);
      if (end === -1) break;
      const after = html.indexOf('>', end);
      if (after === -1) break;
      i = after + 1;
    } else if (name === 'br') out += '\n';
    else if (name === 'li' && !closing) out += '\n• ';
    else if (name === 'tr' && !closing) out += '\n';
    else if ((name === 'td' || name === 'th') && !closing) out += ' ';
    else if (BLOCKS.has(name)) out += '\n';
    else if (name === 'a' && !closing) {
      const href = HREF.exec(tag);
      links.push({ href: (href?.[1] ?? href?.[2] ?? href?.[3] ?? '').trim(), at: out.length });
    } else if (name === 'a' && links.length) {
      const link = links.pop()!;
      const label = decodeEntities(out.slice(link.at).trim());
      const href = decodeEntities(link.href);
      if (href && !href.toLowerCase().startsWith('mailto:') && label !== href) out += ` (${link.href})`;
    }
  }
  return decodeEntities(out)
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
