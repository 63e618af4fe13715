// Checks the served API docs page (Swagger UI) against its content security policy, as a browser
// would: every inline style block and style attribute is allowed by its hash, nothing by keyword,
// every script and stylesheet it loads comes from this origin and is served, and it cannot be framed.
// Usage: node scripts/check-docs-page.mjs http://127.0.0.1:3000/docs
/* global fetch */
import { createHash } from 'node:crypto';

const pageUrl = new URL(process.argv[2] ?? 'http://127.0.0.1:3000/docs');
const problems = [];
const sha = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const res = await fetch(pageUrl);
const html = await res.text();
const csp = res.headers.get('content-security-policy') ?? '';
if (res.status !== 200 || !String(res.headers.get('content-type')).startsWith('text/html'))
  problems.push(`GET ${pageUrl.pathname}: ${res.status} ${res.headers.get('content-type')}`);
const directive = (name) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
if (directive('frame-ancestors') !== "frame-ancestors 'none'") problems.push('the page may be framed');
if (directive('default-src') !== "default-src 'none'") problems.push(`default-src is not 'none': ${csp}`);
if (/'unsafe-inline'|'unsafe-eval'|(^|\s)\*|(^|\s)https?:(\s|;|$)/.test(csp)) problems.push(`a loose source: ${csp}`);
if (res.headers.get('x-frame-options') !== 'DENY') problems.push('no X-Frame-Options: DENY');
if (res.headers.get('x-content-type-options') !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff');

for (const m of html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/gi))
  if (!directive('style-src').includes(sha(m[1]))) problems.push(`an inline <style> is not allowed: ${m[1].trim().slice(0, 60)}`);
for (const m of html.matchAll(/\sstyle\s*=\s*"([^"]*)"/gi))
  if (!directive('style-src').includes(sha(m[1]))) problems.push(`a style attribute is not allowed: ${m[1]}`);
for (const m of html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/gi))
  if (!/\ssrc\s*=/.test(m[0].slice(0, m[0].indexOf('>'))) && m[1].trim()) problems.push('an inline script');

const loaded = [...html.matchAll(/<(?:script|link)\s[^>]*?(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((m) => new URL(m[1], pageUrl));
if (!loaded.length) problems.push('the page loads no script or stylesheet: not the Swagger UI page?');
for (const url of loaded) {
  if (url.origin !== pageUrl.origin) problems.push(`loads from another origin: ${url}`);
  const r = await fetch(url);
  if (r.status !== 200) problems.push(`GET ${url.pathname}: ${r.status}`);
}

if (problems.length) {
  console.error(`docs page ${pageUrl}: ${problems.length} problem(s)\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log(`docs page ${pageUrl.pathname}: policy allows exactly its ${loaded.length} files and inline parts, cannot be framed`);
