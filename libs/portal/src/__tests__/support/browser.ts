import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestApp } from '../../../../../test/support/test-app.js';
import { bootPortal } from './portal-fixtures.js';

/** Debian's chromium, installed by .ci/run; headless, no sandbox as root, nothing phoning home. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * One browser per test file. Playwright starts it with a fresh, temporary profile of its own
 * (it refuses a --user-data-dir argument for that reason) and removes it on close.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** The real app listening on a port of its own, with the links in its mails pointing at it. */
export async function servePortal(): Promise<{ t: TestApp; outbox: string; origin: string }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const { t, outbox } = await bootPortal({ env: { PUBLIC_BASE_URL: origin }, port });
  return { t, outbox, origin };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeFinding {
  readonly page: string;
  readonly rule: string;
  readonly impact: string;
  readonly nodes: string[];
}

/**
 * axe-core run inside the page as it is, after every navigation of a journey: serious and
 * critical violations of WCAG 2.1 A and AA are collected and fail the test at its end. The script
 * is evaluated by the browser's debugging protocol, so the pages' own policy (no script without
 * the nonce) stays as strict as it is.
 */
export class Accessibility {
  readonly findings: AxeFinding[] = [];
  readonly pages: string[] = [];
  private readonly seen = new Set<string>();

  /**
   * Audits the page as it is now. A page already audited in the same state (same path with ids
   * taken out, same `state` label such as "with errors", same language) is not audited again.
   */
  async check(page: Page, state = ''): Promise<void> {
    const started = Date.now();
    await page.waitForLoadState('load');
    const url = new URL(page.url()).pathname;
    const lang = await page.getAttribute('html', 'lang');
    const key = `${url.replace(/\/t\/[^/]+/, '').replace(/[0-9a-f-]{36}/g, ':id')}|${state}|${lang}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    // Code for the page is given as text: this project compiles for Node, without the DOM's types.
    if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE);
    const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} }, resultTypes: ['violations'] })`)) as {
      violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
    };
    this.pages.push(url);
    if (process.env.AXE_TIMING) console.log(`axe ${url} ${Date.now() - started} ms`);
    for (const v of result.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        this.findings.push({ page: url, rule: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) });
  }
}

/** Presses Tab until the element matching the selector has the focus: the keyboard's way to a field. */
export async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`!!document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`)) return;
  }
  throw new Error(`the keyboard did not reach ${selector} within ${max} Tab presses`);
}

/** Screenshots for the README, only when asked for (PORTAL_SCREENSHOTS=<folder>). */
export class Screenshots {
  private readonly dir = process.env.PORTAL_SCREENSHOTS ?? null;

  constructor(private readonly browser: Browser) {
    if (this.dir) mkdirSync(this.dir, { recursive: true });
  }

  async take(page: Page, name: string): Promise<void> {
    if (!this.dir) return;
    await page.screenshot({ path: join(this.dir, `${name}-desktop.png`) });
    const phone = await this.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    await phone.addCookies(await page.context().cookies());
    const p = await phone.newPage();
    await p.goto(page.url());
    await p.screenshot({ path: join(this.dir, `${name}-phone.png`) });
    await phone.close();
  }
}

export function newDesktop(browser: Browser, opts: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: opts.javaScriptEnabled ?? true, locale: opts.locale ?? 'nl-NL' });
}

/** The attribute of the element that has the focus now. */
export function focusedAttribute(page: Page, name: string): Promise<string | null> {
  return page.evaluate(`document.activeElement && document.activeElement.getAttribute(${JSON.stringify(name)})`);
}

/** Runs an action that leads to a new page (a link, a form) and waits until that page has loaded. */
export async function navigates(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForEvent('load'), action()]);
}
