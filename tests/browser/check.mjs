// The browser check: Debian's Chromium, driven by playwright-core, visits every page the
// Rust test names, as each visitor it names, at phone and desktop width, and runs axe-core on
// it (WCAG 2.1 A and AA). It then opens the pages that hold the malicious-Markdown corpus with
// the Content-Security-Policy switched off, so only the sanitiser stands between the corpus and
// the browser, and checks that no script ran and no navigation happened.
//
// Usage: node check.mjs PLAN.json  (written by tests/it/accessibility.rs)
// PLAN: { base, chromium, visitors: [{ name, cookie, lang? }], pages: [{ path, visitors: [name] }],
//         hostile: [path | {path, visitor}] }
// Prints one line per finding and a summary line; exits 1 when anything was found.
// With NODEN_BROWSER_SCREENSHOTS=DIR it also saves each page as DIR/<visitor>-<width>-<path>.png,
// for a maintainer to look at what the check saw.

import fs from 'node:fs';
import { chromium } from 'playwright-core';

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const axeSource = fs.readFileSync(
  new URL('./node_modules/axe-core/axe.min.js', import.meta.url),
  'utf8',
);
const widths = [390, 1280];
const screenshots = process.env.NODEN_BROWSER_SCREENSHOTS;
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const findings = [];
let checked = 0;

const browser = await chromium.launch({
  executablePath: plan.chromium,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

async function context(visitor, width, bypassCSP) {
  const ctx = await browser.newContext({
    viewport: { width, height: 900 },
    // axe is injected as a script, which the portal's CSP rightly forbids.
    bypassCSP,
    locale: 'sv-SE',
  });
  if (visitor.cookie) {
    await ctx.addCookies([{ name: 'noden_session', value: visitor.cookie, url: plan.base }]);
  }
  // A visitor who chose a language with the switch.
  if (visitor.lang) {
    await ctx.addCookies([{ name: 'noden_sprak', value: visitor.lang, url: plan.base }]);
  }
  return ctx;
}

try {
  for (const visitor of plan.visitors) {
    for (const width of widths) {
      const ctx = await context(visitor, width, true);
      const page = await ctx.newPage();
      for (const entry of plan.pages.filter((p) => p.visitors.includes(visitor.name))) {
        const where = `${visitor.name} ${width}px ${entry.path}`;
        const response = await page.goto(plan.base + entry.path);
        const status = response ? response.status() : 0;
        // A page answers 2xx, or exactly the status its entry expects (a page about an
        // error is a page too).
        if (entry.status ? status !== entry.status : !response || status >= 400) {
          findings.push(`${where}: answered ${response ? status : 'nothing'}`);
          continue;
        }
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(
          (values) => window.axe.run(document, { runOnly: { type: 'tag', values } }),
          tags,
        );
        checked += 1;
        // A page must fit the screen: nothing but a scrolling box may stick out to the right.
        const overflow = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return null;
          // Whether a box that scrolls or clips holds `e`; an absolutely placed element is
          // held only by a positioned box.
          const scrolls = (e) => {
            let free = ['absolute', 'fixed'].includes(getComputedStyle(e).position);
            for (let a = e.parentElement; a; a = a.parentElement) {
              const style = getComputedStyle(a);
              const positioned = style.position !== 'static';
              const clips = ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
              if (clips && (!free || positioned)) return true;
              if (positioned) free = ['absolute', 'fixed'].includes(style.position);
            }
            return false;
          };
          const wide = [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > width + 1 && !scrolls(e))
            .slice(0, 3)
            .map((e) => e.tagName.toLowerCase() + (e.className ? `.${e.className}` : ''));
          return `${document.documentElement.scrollWidth}px > ${width}px: ${wide.join(' | ')}`;
        });
        if (overflow) findings.push(`${where}: wider than the screen, ${overflow}`);
        // A table that scrolls sideways keeps its headings' words whole: no run of letters and
        // digits (which holds no place to break a line) is broken over two lines because its
        // column was squeezed.
        const broken = await page.evaluate(() => {
          const found = [];
          for (const th of document.querySelectorAll('table.list th, .report .body table th')) {
            const texts = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
            for (let node = texts.nextNode(); node; node = texts.nextNode()) {
              for (const word of node.data.matchAll(/[\p{L}\p{N}]+/gu)) {
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                if (lines.size > 1) found.push(word[0]);
              }
            }
          }
          return found.slice(0, 3);
        });
        if (broken.length) findings.push(`${where}: table headings broken inside a word: ${broken.join(' | ')}`);
        if (screenshots) {
          const name = entry.path.replace(/[^a-z0-9]+/gi, '_');
          await page.screenshot({
            path: `${screenshots}/${visitor.name}-${width}-${name}.png`,
            fullPage: true,
          });
        }
        for (const v of result.violations) {
          const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
          findings.push(`${where}: ${v.id} (${v.impact}, ${v.nodes.length}×) ${targets}`);
        }
      }
      await ctx.close();
    }
  }

  for (const entry of plan.hostile) {
    // A path the anonymous visitor opens, or {path, visitor} for a page behind sign-in.
    const path = typeof entry === 'string' ? entry : entry.path;
    const who = typeof entry === 'string' ? plan.visitors[0].name : entry.visitor;
    const visitor = plan.visitors.find((v) => v.name === who);
    if (!visitor) throw new Error(`hostile ${path}: no visitor ${who}`);
    const ctx = await context(visitor, 1280, true);
    const page = await ctx.newPage();
    const ran = [];
    page.on('dialog', async (dialog) => {
      ran.push(`dialog ${dialog.type()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
    await ctx.exposeBinding('__nodenRan', (_source, what) => ran.push(what));
    await page.addInitScript(() => {
      for (const name of ['alert', 'confirm', 'prompt', 'print']) {
        window[name] = (...args) => window.__nodenRan(`${name}(${args.join(',')})`);
      }
    });
    const navigations = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const target = plan.base + path;
    try {
      await page.goto(target, { waitUntil: 'load' });
      // Give timers, meta refreshes and hover handlers their chance.
      await page.mouse.move(10, 10);
      for (const handle of await page.$$('main *')) {
        await handle.hover({ timeout: 200, force: true }).catch(() => {});
      }
      await page.waitForTimeout(1500);
    } catch (error) {
      findings.push(`hostile ${path}: the page did not stay put: ${error.message.split('\n')[0]}`);
    }
    checked += 1;
    for (const what of ran) findings.push(`hostile ${path}: a script ran: ${what}`);
    const elsewhere = navigations.filter((url) => url !== target && url !== 'about:blank');
    for (const url of elsewhere) findings.push(`hostile ${path}: navigated to ${url}`);
    if (page.url() !== target) findings.push(`hostile ${path}: ended on ${page.url()}`);
    await ctx.close();
  }
} finally {
  await browser.close();
}

for (const f of findings) console.log(f);
console.log(`browser check: ${checked} pages checked, ${findings.length} findings`);
process.exit(findings.length ? 1 : 0);
