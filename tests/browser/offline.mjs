// The field-report form with the network cut, as a coach in a lift: Debian's Chromium at phone
// width, driven by playwright-core, fills in the form with a photo, loses the connection,
// sends, sees the report kept on the phone, gets the connection back and sees it sent. Then it
// opens the form again, which must not send the report a second time.
//
// Usage: node offline.mjs PLAN.json  (written by tests/it/fieldreports.rs)
// PLAN: { base, chromium, cookie, technology, text, alt, photo (a PNG file's path) }
// Prints one line per step; exits 1 with the reason when a step fails.

import fs from 'node:fs';
import { chromium } from 'playwright-core';

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const browser = await chromium.launch({
  executablePath: plan.chromium,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

const status = () => document.getElementById('fieldreport-status').textContent;
let failure = null;
try {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'sv-SE',
  });
  await ctx.addCookies([{ name: 'noden_session', value: plan.cookie, url: plan.base }]);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  page.on('console', (m) => console.log(`console: ${m.text()}`));
  const response = await page.goto(plan.base + '/faltrapporter/ny');
  if (!response || response.status() !== 200) {
    throw new Error(`the form answered ${response ? response.status() : 'nothing'}`);
  }
  await page.fill('#text', plan.text);
  await page.selectOption('#technology', plan.technology);
  await page.setInputFiles('#photo_1', plan.photo);
  await page.fill('#alt_1', plan.alt);
  await page.check('input[name=visibility][value=public]');

  await ctx.setOffline(true);
  await page.tap('#fieldreport-form button[type=submit]');
  await page.waitForFunction((s) => document.getElementById('fieldreport-status').textContent.includes(s),
    'Sparad på telefonen', { timeout: 20000 });
  if ((await page.inputValue('#text')) !== '') throw new Error('the form still holds the text');
  console.log('kept on the phone');

  await ctx.setOffline(false);
  await page.waitForFunction((s) => document.getElementById('fieldreport-status').textContent.includes(s),
    'är skickad', { timeout: 20000 });
  console.log('sent when the connection returned');

  // Opening the form again finds nothing left to send.
  await page.goto(plan.base + '/faltrapporter/ny');
  await page.waitForLoadState('networkidle');
  const left = await page.evaluate(status);
  if (left.includes('skickad')) throw new Error(`sent again: ${left}`);
  console.log('nothing left on the phone');
} catch (e) {
  failure = e;
  for (const p of browser.contexts().flatMap((c) => c.pages())) console.log(`at ${p.url()}`);
} finally {
  await browser.close();
}
if (failure) {
  console.log(`FAILED: ${failure.message}`);
  process.exit(1);
}
console.log('ok');
