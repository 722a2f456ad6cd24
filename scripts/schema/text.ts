/**
 * Turning the spec's prose into what an editor shows. The spec writes a little HTML (`<code>`) inside descriptions;
 * hovers render markdown, and a language service escapes plain `description` text (`\_`, `\(`), so every described
 * schema gets a `markdownDescription` built here and a plain `description` without tags.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Folded YAML (`>-`) leaves single newlines and double spaces; a hover reads better with one space. */
function tidyWhitespace(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

/** The spec's description as markdown: `<code>` -> backticks, `<a href>` -> links, other tags dropped. */
export function htmlToMarkdown(html: string): string {
  const markdown = html
    .replace(/<code>([\s\S]*?)<\/code>/gi, (_whole, code: string) => `\`${decodeEntities(code)}\``)
    .replace(
      /<a\s[^>]*href\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi,
      (_whole, href: string, text: string) => `[${text.replace(/<[^>]+>/g, '')}](${href})`,
    )
    .replace(/<br\s*\/?>/gi, '\n\n')
    .replace(/<\/?p>/gi, '\n\n')
    .replace(/<\/?[a-z][^>]*>/gi, '');
  return tidyWhitespace(decodeEntities(markdown));
}

/** The spec's description as plain text (for clients that show `description` only). */
export function htmlToPlainText(html: string): string {
  return tidyWhitespace(decodeEntities(html.replace(/<\/?[a-z][^>]*>/gi, '')));
}

/** A value shown inline in markdown, e.g. `` `en_10k` ``. */
export function code(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

export type ReleaseLifecycle = 'EA' | 'beta' | 'deprecated' | 'GA';

/** The badge shown at the top of a hover for an `x-release-lifecycle` marker; GA needs none. */
export function lifecycleBadge(lifecycle: unknown): string | undefined {
  switch (typeof lifecycle === 'string' ? lifecycle.toLowerCase() : undefined) {
    case 'ea':
      return '**Early Access**';
    case 'beta':
      return '**Beta**';
    case 'deprecated':
      return '**Deprecated**';
    default:
      return undefined;
  }
}

/** Joins non-empty markdown blocks with blank lines. */
export function paragraphs(...blocks: Array<string | undefined>): string {
  return blocks.filter((block): block is string => block !== undefined && block.trim().length > 0).join('\n\n');
}
