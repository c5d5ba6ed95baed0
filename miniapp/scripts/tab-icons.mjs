// Draws the tab bar icons (mini-program tab bars take PNG files only) from NutUI's own SVG icons,
// with Debian's Chromium. Run by hand when the icons or colours change; the PNGs are committed.
//   node scripts/tab-icons.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const icons = join(dirname(require.resolve('@nutui/icons-react-taro/package.json')), 'dist/es/icons');
const out = new URL('../src/assets/', import.meta.url);
const colours = { normal: '#8a8f99', active: '#2f6bff' };
const tabs = {
  home: ['Home', 'HomeF'],
  customers: ['Store', 'StoreF'],
  deals: ['Order', 'OrderF'],
  tasks: ['Clock', 'ClockF'],
  me: ['User', 'UserF'],
};

function svgOf(name, colour) {
  const base64 = /svg64: "data:image\/svg\+xml;base64,([^"]+)"/.exec(
    readFileSync(join(icons, `${name}.js`), 'utf8'),
  )[1];
  return Buffer.from(base64, 'base64')
    .toString('utf8')
    .replace(/fill="[^"]*"/g, `fill="${colour}"`);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 81, height: 81 } });
for (const [tab, [normal, active]] of Object.entries(tabs)) {
  for (const [suffix, name, colour] of [
    ['', normal, colours.normal],
    ['-active', active, colours.active],
  ]) {
    await page.setContent(
      `<body style="margin:0;background:transparent"><div style="width:81px;height:81px;display:flex;align-items:center;justify-content:center">${svgOf(name, colour).replace('<svg ', '<svg width="66" height="66" ')}</div></body>`,
    );
    writeFileSync(new URL(`tab-${tab}${suffix}.png`, out), await page.screenshot({ omitBackground: true }));
  }
}
await browser.close();
