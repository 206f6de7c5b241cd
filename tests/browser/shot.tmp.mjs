import { chromium } from 'playwright-core';
const [,, base, session, out, ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const width of [390, 1280]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  if (session !== '-') await ctx.addCookies([{ name: 'noden_session', value: session, url: base }, { name: 'noden_besked', value: 'Du%20%C3%A4r%20inloggad', url: base }]);
  const page = await ctx.newPage();
  for (const p of paths) {
    await page.goto(base + p);
    const name = p.replace(/[^a-z0-9]+/gi, '_') || 'home';
    await page.screenshot({ path: `${out}/${name}_${width}.png`, fullPage: false });
  }
  await ctx.close();
}
await browser.close();
