/**
 * Mail rendering benchmark (run by hand, never part of `npm test`):
 *
 *   npx tsc -p bench/mail-render/tsconfig.json && node scripts/copy-assets.mjs \
 *     && node dist/bench/mail-render/run-mail-render-bench.js
 *
 * Personalised renders of one real tenant template, in the same run, two ways: the engine's way
 * (MJML compiled once at boot, each mail only runs the strict Handlebars template for subject, HTML
 * and text) and the naive way (fill the MJML source with Handlebars, then run MJML for each mail).
 * Single process, single thread: MJML and Handlebars are synchronous CPU work.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import { MailTemplatesService, type MailLinks } from '../../libs/mail/src/mail-templates.service.js';
import { wrapInLayout } from '../../libs/mail/src/mail-layout.js';
import { TenantRegistry } from '../../libs/tenancy/src/tenant-registry.js';
import { tenants } from '../../tenants/index.js';

const COMPILED_RENDERS = Number(process.env.BENCH_COMPILED ?? 50_000);
const MJML_RENDERS = Number(process.env.BENCH_MJML ?? 300);
const TEMPLATE = process.env.BENCH_TEMPLATE ?? 'profile-reconfirm';
const LOCALE = 'en';

function variables(i: number) {
  return {
    name: `Person ${i}`,
    confirmUrl: `https://kandidatenbank.example/confirm?t=${i.toString(36)}${'x'.repeat(32)}`,
    deadline: `${1 + (i % 28)} March 2027`,
  };
}

function links(i: number): MailLinks {
  const token = `${i.toString(36)}${'A'.repeat(80)}`;
  return {
    unsubscribeUrl: `https://kandidatenbank.example/mail/t/kandidatenbank/unsubscribe?token=${token}`,
    preferencesUrl: `https://kandidatenbank.example/mail/t/kandidatenbank/preferences?token=${token}`,
  };
}

async function main() {
  const registry = new TenantRegistry(tenants);
  const templates = new MailTemplatesService(registry);
  const bootStart = performance.now();
  await templates.compileAll(registry.all());
  const bootMs = performance.now() - bootStart;

  const def = registry.get('kandidatenbank');
  const compiled = templates.resolve(def, TEMPLATE, LOCALE);

  // Warm both paths so neither pays for JIT or lazy initialisation inside the timed loop.
  for (let i = 0; i < 2_000; i++) templates.render(compiled, variables(i), links(i));
  const fragment = readFileSync(join(def.mail.templatesDir, `${TEMPLATE}.${LOCALE}.mjml`), 'utf8');
  const mjmlSource = Handlebars.compile(
    wrapInLayout(fragment, { branding: def.mail.branding, category: compiled.category, locale: LOCALE, defaultLocale: def.defaultLocale }),
    { strict: true },
  );
  for (let i = 0; i < 20; i++) await mjml2html(mjmlSource({ ...variables(i), mail: links(i) }), { validationLevel: 'skip' });

  let bytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < COMPILED_RENDERS; i++) {
    const r = templates.render(compiled, variables(i), links(i));
    bytes += r.html.length + r.text.length + r.subject.length;
  }
  const compiledMs = performance.now() - t0;

  const t1 = performance.now();
  for (let i = 0; i < MJML_RENDERS; i++) {
    const r = await mjml2html(mjmlSource({ ...variables(i), mail: links(i) }), { validationLevel: 'skip' });
    bytes += r.html.length;
  }
  const mjmlMs = performance.now() - t1;

  const compiledRate = (COMPILED_RENDERS / compiledMs) * 1000;
  const mjmlRate = (MJML_RENDERS / mjmlMs) * 1000;
  const result = {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    template: `kandidatenbank/${TEMPLATE}.${LOCALE}`,
    bootCompileAllTemplatesMs: Math.round(bootMs),
    compiled: { renders: COMPILED_RENDERS, ms: Math.round(compiledMs), rendersPerSecond: Math.round(compiledRate), perRenderUs: +((compiledMs * 1000) / COMPILED_RENDERS).toFixed(1) },
    mjmlPerMessage: { renders: MJML_RENDERS, ms: Math.round(mjmlMs), rendersPerSecond: Math.round(mjmlRate), perRenderMs: +(mjmlMs / MJML_RENDERS).toFixed(2) },
    speedup: Math.round(compiledRate / mjmlRate),
    targets: { speedupAtLeast100x: compiledRate / mjmlRate >= 100, atLeast2000PerSecond: compiledRate >= 2000 },
    checksum: bytes,
  };
  console.log(JSON.stringify(result, null, 2));
}

await main();
