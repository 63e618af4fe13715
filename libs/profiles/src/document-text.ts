import { inflateSync } from 'node:zlib';

/**
 * The text of an uploaded document, as far as the platform can read it without a document library:
 * plain text as is; a PDF's text-showing operators (`Tj`, `TJ`, `'`, `"`) in its content streams,
 * uncompressed or Flate-compressed (what nearly every PDF writer produces). Not read: text in hex
 * strings or behind font re-encodings, other stream filters, scanned pages (images). Used to refuse
 * values that must never be stored (`refuses` on a document field); what cannot be read is not checked.
 */
export function documentText(bytes: Buffer, contentType: string): string {
  if (contentType === 'text/plain') return bytes.toString('utf8');
  if (contentType === 'application/pdf') return pdfText(bytes);
  return '';
}

/** Decompressed bytes per stream at most: a tiny upload cannot make the check inflate gigabytes. */
const MAX_STREAM_BYTES = 16 * 1024 * 1024;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  let total = 0;
  const streams = /<<((?:(?!>>\s*stream)[\s\S])*)>>\s*stream\r?\n/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const dict = m[1];
    const body = pdf.subarray(start, end);
    const filter = /\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(dict)?.[1].replace(/[\s[\]]/g, '');
    let content: Buffer | null = null;
    if (filter === undefined) content = body;
    else if (filter === '/FlateDecode')
      try {
        content = inflateSync(body, { maxOutputLength: MAX_STREAM_BYTES });
      } catch {
        content = null;
      }
    if (!content) continue;
    total += content.length;
    if (total > MAX_TOTAL_BYTES) break;
    out.push(textOperators(content.toString('latin1')));
    streams.lastIndex = end;
  }
  return out.filter(Boolean).join('\n');
}

/** The literal strings a content stream shows, a space between operators, none inside a TJ array. */
function textOperators(content: string): string {
  const parts: string[] = [];
  let i = 0;
  let inArray = false;
  let current = '';
  while (i < content.length) {
    const ch = content[i];
    if (ch === '(') {
      const [text, next] = literalString(content, i);
      current += text;
      i = next;
      if (!inArray) {
        parts.push(current);
        current = '';
      }
      continue;
    }
    if (ch === '[') inArray = true;
    else if (ch === ']' && inArray) {
      inArray = false;
      parts.push(current);
      current = '';
    } else if (ch === '%' && !inArray) {
      const eol = content.indexOf('\n', i);
      i = eol < 0 ? content.length : eol;
    }
    i++;
  }
  if (current) parts.push(current);
  return parts.join(' ');
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

/** A PDF literal string from its opening parenthesis: balanced parentheses, escapes, octal codes. */
function literalString(s: string, open: number): [string, number] {
  let depth = 1;
  let out = '';
  let i = open + 1;
  while (i < s.length && depth > 0) {
    const ch = s[i];
    if (ch === '\\') {
      const next = s[i + 1] ?? '';
      if (/[0-7]/.test(next)) {
        const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4))![0];
        out += String.fromCharCode(parseInt(oct, 8));
        i += 1 + oct.length;
        continue;
      }
      if (next === '\r' || next === '\n') {
        i += next === '\r' && s[i + 2] === '\n' ? 3 : 2;
        continue;
      }
      out += ESCAPES[next] ?? next;
      i += 2;
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')' && --depth === 0) break;
    out += ch;
    i++;
  }
  return [out, i + 1];
}
