import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderCardGalleryHtml } from '../../src/sandbox/card-preview/index.js';

// Debian's `chromium` package; the test is skipped where no browser is installed.
const browser = ['chromium', 'chromium-browser'].find((bin) => spawnSync(bin, ['--version']).status === 0);

test.skipIf(browser === undefined)('a headless browser renders the gallery to a screenshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kelian-gallery-'));
  const page = join(dir, 'gallery.html');
  const shot = join(dir, 'gallery.png');
  writeFileSync(page, renderCardGalleryHtml());
  const run = spawnSync(
    browser!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      `--screenshot=${shot}`,
      '--window-size=1400,3000',
      `file://${page}`,
    ],
    { timeout: 60_000 },
  );
  expect(run.status).toBe(0);
  // A PNG, and a large one: a blank or unstyled page compresses to a few kilobytes.
  expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
  expect(statSync(shot).size).toBeGreaterThan(100_000);
  console.info(`gallery screenshot: ${shot}`);
});
