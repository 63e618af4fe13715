const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name]);
}

function attribute(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag);
  return m ? m[1] : null;
}

/**
 * A plain-text rendition of an MJML body fragment, still carrying its Handlebars placeholders, so
 * the text part is compiled once next to the HTML part. Buttons and links keep their target next
 * to their label: a text-only reader must still be able to act on the mail.
 */
export function mjmlFragmentToText(fragment: string): string {
  let s = fragment.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<mj-button\b([^>]*)>([\s\S]*?)<\/mj-button>/gi, (_, attrs: string, label: string) => {
    const href = attribute(` ${attrs}`, 'href');
    return `\n\n${label.trim()}${href ? `: ${href}` : ''}\n\n`;
  });
  s = s.replace(/<mj-image\b([^>]*)\/?>/gi, (_, attrs: string) => {
    const alt = attribute(` ${attrs}`, 'alt');
    return alt ? `\n${alt}\n` : '';
  });
  s = s.replace(/<mj-divider\b[^>]*\/?>/gi, '\n\n----\n\n');
  s = s.replace(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi, (_, attrs: string, label: string) => {
    const href = attribute(` ${attrs}`, 'href');
    const text = label.replace(/<[^>]+>/g, '').trim();
    return href && href !== text ? `${text} (${href})` : text;
  });
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = s.replace(/<li\b[^>]*>/gi, '\n- ');
  s = s.replace(/<\/(p|div|h[1-6]|ul|ol|tr|table|mj-text|mj-section|mj-column|mj-wrapper|mj-hero)>/gi, '\n\n');
  s = s.replace(/<[^>]+>/g, '');
  s = decodeEntities(s);
  return s
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
