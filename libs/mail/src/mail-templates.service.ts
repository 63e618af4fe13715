import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailBranding, MailCategory, TemplateDefinition, TenantDefinition } from '../../plugin-api/src/index.js';
import { AppConfig } from '../../config/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { CORE_DEFAULT_LOCALE, CORE_LOCALES, CORE_TEMPLATES, CORE_TEMPLATES_DIR } from './core-templates.js';
import { isUnsubscribable, wrapInLayout, wrapTextInLayout, type LayoutInput } from './mail-layout.js';
import { MailTemplateError, MailVariablesError, UnknownTemplateError, type TemplateProblem } from './mail-template.errors.js';
import { MjmlRenderer } from './mjml-renderer.js';
import { mjmlFragmentToText } from './mjml-text.js';
import { TemplateCache } from './template-cache.js';
import { templateReferences } from './template-variables.js';

/** Links the core puts into every unsubscribable mail, under the reserved `mail` variable. */
export interface MailLinks {
  readonly unsubscribeUrl: string;
  readonly preferencesUrl: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export interface CompiledTemplate {
  readonly tenant: string;
  readonly brand: string | null;
  readonly key: string;
  readonly locale: string;
  readonly category: MailCategory;
  readonly origin: 'tenant' | 'core';
  readonly definition: TemplateDefinition;
  readonly branding: MailBranding;
  readonly file: string;
  readonly html: Handlebars.TemplateDelegate;
  readonly text: Handlebars.TemplateDelegate;
  readonly subject: Handlebars.TemplateDelegate;
}

/** The variable name the core reserves for its own values (unsubscribe links). */
const RESERVED = 'mail';

const SAMPLE_LINKS: MailLinks = {
  unsubscribeUrl: 'https://example.org/mail/unsubscribe?token=sample',
  preferencesUrl: 'https://example.org/mail/preferences?token=sample',
};

function cacheKey(tenant: string, brand: string | null, key: string, locale: string): string {
  return `${tenant}\u0000${brand ?? ''}\u0000${key}\u0000${locale}`;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message.split('\n').filter(Boolean).join(' ') : String(err);
}

/**
 * Every template of every registered tenant, compiled once at boot: the body fragment is wrapped in
 * the branded layout, turned into HTML by MJML, and the result compiled as a strict Handlebars
 * template (a missing variable is an error, never an empty string). Sending then only runs
 * Handlebars. A broken template, or one that reads a variable its declaration does not provide,
 * stops the boot naming the file and the reason.
 */
@Injectable()
export class MailTemplatesService implements OnModuleInit {
  private readonly hbs = Handlebars.create();
  private readonly knownHelpers = new Set(Object.keys(this.hbs.helpers));
  private readonly compiled = new Map<string, CompiledTemplate>();

  private readonly cache: TemplateCache;

  constructor(
    private readonly registry: TenantRegistry,
    @Optional() config?: AppConfig,
  ) {
    this.cache = new TemplateCache(config?.MAIL_TEMPLATE_CACHE_DIR || null);
  }

  async onModuleInit(): Promise<void> {
    await this.compileAll(this.registry.all());
  }

  /** Compiles the given definitions; throws one MailTemplateError listing every problem. */
  async compileAll(definitions: readonly TenantDefinition[]): Promise<void> {
    const problems: TemplateProblem[] = [];
    const jobs: Promise<void>[] = [];
    // Started on the first template the cache does not hold, ended once all are compiled.
    const mjml = new MjmlRenderer();
    for (const def of definitions) {
      const brands: (string | null)[] = [null, ...Object.keys(def.mail.brands ?? {})];
      const own = new Set(def.mail.templates.map((t) => t.key));
      for (const brand of brands) {
        const branding = brand ? { ...def.mail.branding, ...def.mail.brands?.[brand] } : def.mail.branding;
        for (const t of def.mail.templates)
          for (const locale of def.locales)
            jobs.push(this.compileOne(def, brand, branding, t, 'tenant', locale, problems, mjml));
        for (const t of CORE_TEMPLATES.filter((c) => !own.has(c.key)))
          for (const locale of CORE_LOCALES) jobs.push(this.compileOne(def, brand, branding, t, 'core', locale, problems, mjml));
      }
    }
    try {
      await Promise.all(jobs);
    } finally {
      await mjml.close();
    }
    if (problems.length) throw new MailTemplateError(problems);
  }

  /**
   * The template for a tenant, key and locale, through the fallback chain: the tenant's own in the
   * requested locale, the tenant's own in its default locale, then the core default.
   */
  resolve(def: TenantDefinition, key: string, locale: string | undefined, brand?: string | null): CompiledTemplate {
    if (brand && !def.mail.brands?.[brand]) throw new UnknownTemplateError(def.key, `brand "${brand}"`);
    let chosen: string;
    if (def.mail.templates.some((t) => t.key === key)) {
      chosen = locale && def.locales.includes(locale) ? locale : def.defaultLocale;
    } else if (CORE_TEMPLATES.some((t) => t.key === key)) {
      const core: readonly string[] = CORE_LOCALES;
      chosen = locale && core.includes(locale) ? locale : core.includes(def.defaultLocale) ? def.defaultLocale : CORE_DEFAULT_LOCALE;
    } else {
      throw new UnknownTemplateError(def.key, `template "${key}"`);
    }
    const found = this.compiled.get(cacheKey(def.key, brand ?? null, key, chosen));
    if (!found) throw new UnknownTemplateError(def.key, `template "${key}" in locale "${chosen}"`);
    return found;
  }

  /** Every template a tenant can send, with where it comes from: for the admin preview. */
  catalogue(def: TenantDefinition): { key: string; category: MailCategory; origin: 'tenant' | 'core'; locales: string[]; variables: readonly string[] }[] {
    const own = def.mail.templates.map((t) => ({ key: t.key, category: t.category, origin: 'tenant' as const, locales: [...def.locales], variables: t.variables }));
    const core = CORE_TEMPLATES.filter((c) => !own.some((o) => o.key === c.key)).map((t) => ({
      key: t.key,
      category: t.category,
      origin: 'core' as const,
      locales: [...CORE_LOCALES],
      variables: t.variables,
    }));
    return [...own, ...core];
  }

  /** Declared variables all present and nothing else: what is not used is not stored. */
  assertVariables(template: CompiledTemplate, variables: Record<string, unknown>): void {
    const declared = new Set(template.definition.variables);
    const problems = [
      ...[...declared].filter((v) => variables[v] === undefined).map((v) => `variable "${v}" is missing`),
      ...Object.keys(variables).filter((v) => !declared.has(v)).map((v) => `variable "${v}" is not declared`),
    ];
    if (problems.length) throw new MailVariablesError(template.key, problems);
  }

  /** Variables as declared, and a trial render: a bad value fails the sender, not the delivery. */
  check(template: CompiledTemplate, variables: Record<string, unknown>): void {
    this.assertVariables(template, variables);
    this.render(template, variables, isUnsubscribable(template.category) ? SAMPLE_LINKS : null);
  }

  render(template: CompiledTemplate, variables: Record<string, unknown>, links: MailLinks | null): RenderedMail {
    const context = { ...variables, [RESERVED]: links ?? {} };
    return {
      subject: template.subject(context).replace(/\s+/g, ' ').trim(),
      html: template.html(context),
      text: template.text(context),
    };
  }

  /** A template rendered with its declared sample values (admin preview). */
  renderSample(template: CompiledTemplate): RenderedMail {
    return this.render(template, { ...template.definition.sample }, isUnsubscribable(template.category) ? SAMPLE_LINKS : null);
  }

  private async compileOne(
    def: TenantDefinition,
    brand: string | null,
    branding: MailBranding,
    t: TemplateDefinition,
    origin: 'tenant' | 'core',
    locale: string,
    problems: TemplateProblem[],
    mjml: MjmlRenderer,
  ): Promise<void> {
    const dir = origin === 'tenant' ? def.mail.templatesDir : CORE_TEMPLATES_DIR;
    const bodyFile = join(dir, `${t.key}.${locale}.mjml`);
    const subjectFile = join(dir, `${t.key}.${locale}.subject.hbs`);
    const textFile = join(dir, `${t.key}.${locale}.text.hbs`);
    const problem = (file: string, reason: string) => problems.push({ file, reason: brand ? `${reason} (brand ${brand})` : reason });
    let fragment: string;
    let subjectSource: string;
    try {
      [fragment, subjectSource] = await Promise.all([readFile(bodyFile, 'utf8'), readFile(subjectFile, 'utf8')]);
    } catch (err) {
      problem((err as { path?: string }).path ?? bodyFile, `cannot be read: ${message(err)}`);
      return;
    }
    const layout: LayoutInput = { branding, category: t.category, locale, defaultLocale: def.defaultLocale };
    const document = wrapInLayout(fragment, layout);
    const hasTextFile = existsSync(textFile);
    const textSource = hasTextFile ? await readFile(textFile, 'utf8') : wrapTextInLayout(mjmlFragmentToText(fragment), layout);
    const allowed = new Set([...t.variables, RESERVED]);
    const checkedKey = TemplateCache.key([document, subjectSource, textSource, [...allowed].sort(), t.sample, t.category, [...this.knownHelpers].sort()]);
    let html = this.cache.get(checkedKey);
    const checked = html !== undefined;
    if (html === undefined) {
      const firstLine = document.slice(0, document.indexOf(fragment)).split('\n').length;
      try {
        html = await mjml.render(document, { validationLevel: 'strict', keepComments: false });
      } catch (err) {
        const errors = (err as { errors?: { line: number; tagName: string; message: string }[] }).errors;
        if (errors?.length)
          for (const e of errors) problem(bodyFile, `line ${e.line - firstLine + 1} (${e.tagName}): ${e.message}`);
        else problem(bodyFile, `MJML failed: ${message(err)}`);
        return;
      }
      if (this.referencesProblems(fragment, html, subjectSource, textSource, bodyFile, subjectFile, hasTextFile ? textFile : bodyFile, allowed, t.key, problem)) return;
    }
    const compiled: CompiledTemplate = {
      tenant: def.key,
      brand,
      key: t.key,
      locale,
      category: t.category,
      origin,
      definition: t,
      branding,
      file: bodyFile,
      html: this.hbs.compile(html, { strict: true }),
      subject: this.hbs.compile(subjectSource, { strict: true, noEscape: true }),
      text: this.hbs.compile(textSource, { strict: true, noEscape: true }),
    };
    if (!checked) {
      try {
        this.renderSample(compiled);
      } catch (err) {
        problem(bodyFile, `does not render with the declared sample: ${message(err)}`);
        return;
      }
      this.cache.put(checkedKey, html);
    }
    this.compiled.set(cacheKey(def.key, brand, t.key, locale), compiled);
  }

  /** The Handlebars checks; true when the template is broken (the problems are recorded). */
  private referencesProblems(
    fragment: string,
    html: string,
    subjectSource: string,
    textSource: string,
    bodyFile: string,
    subjectFile: string,
    textFile: string,
    allowed: ReadonlySet<string>,
    key: string,
    problem: (file: string, reason: string) => void,
  ): boolean {
    let broken = false;
    // MJML silently drops text it does not expect (a {{#each}} between columns, say): catch it here.
    for (const m of new Set(fragment.match(/\{\{[^}]*\}\}/g) ?? []))
      if (!html.includes(m)) {
        problem(bodyFile, `MJML dropped the Handlebars expression ${m} (put block helpers inside <mj-raw>)`);
        broken = true;
      }
    const sources: [string, string][] = [
      [bodyFile, html],
      [subjectFile, subjectSource],
      [textFile, textSource],
    ];
    for (const [file, source] of sources) {
      try {
        const refs = templateReferences(source, this.knownHelpers);
        for (const v of refs.variables)
          if (!allowed.has(v)) {
            problem(file, `uses variable "${v}", which the declaration of "${key}" does not provide`);
            broken = true;
          }
        for (const h of refs.helpers)
          if (!this.knownHelpers.has(h)) {
            problem(file, `uses unknown helper "${h}"`);
            broken = true;
          }
        if (refs.usesPartials) {
          problem(file, 'uses a partial; mail templates are self-contained');
          broken = true;
        }
      } catch (err) {
        problem(file, `is not valid Handlebars: ${message(err)}`);
        broken = true;
      }
    }
    return broken;
  }
}
