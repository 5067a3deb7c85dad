// The compare page as a reader opens it: built by renderComparePage from a real (small) comparison, loaded from a
// file:// URL in Debian's headless Chromium (playwright-core, never a downloaded browser). No console error, no
// request but the file itself, every plot drawn, the best value of each ranked column marked. Saves a screenshot
// to test/.artifacts/compare.png. Skipped, saying so, where /usr/bin/chromium is missing.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, compareColumns, dataset, designFromText, loadDesign, type CompareResult } from '../../src/index.js';
import { renderComparePage } from '../../src/report/index.js';
import { example } from '../helpers.js';

const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const skipReason = `${chromiumPath} not found: install Debian's chromium (apt-get install -y chromium) to run this test`;
if (!haveChromium) console.warn(`compare page browser test skipped: ${skipReason}`);

const artifacts = new URL('../.artifacts/', import.meta.url).pathname;
const badSpec = new URL('../compare/ve-short.yaml', import.meta.url).pathname;

describe.skipIf(!haveChromium)(
  `the compare page in headless Chromium${haveChromium ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    const requests: string[] = [];
    const errors: string[] = [];
    let profile = '';
    let context: BrowserContext;
    let page: Page;
    let fileUrl = '';
    let result: CompareResult;

    beforeAll(async () => {
      const designs = [
        loadDesign(example('ve.yaml')),
        loadDesign(example('pfgm.yaml')),
        designFromText(readFileSync(badSpec, 'utf8'), { file: badSpec }),
      ];
      result = await compare(designs, {
        data: dataset('8gaussians', { n: 400, seed: 0 }),
        dataLabel: '8gaussians',
        n: 200,
        curveSamples: 16,
      });
      mkdirSync(artifacts, { recursive: true });
      const file = join(artifacts, 'compare.html');
      writeFileSync(file, renderComparePage(result));
      fileUrl = pathToFileURL(file).href;
      profile = mkdtempSync(join(tmpdir(), 'odeforge-chromium-'));
      context = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath,
        headless: true,
        offline: true,
        viewport: { width: 1400, height: 900 },
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          errors.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      await page.goto(fileUrl, { waitUntil: 'load' });
    });

    afterAll(async () => {
      await context?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    it('loads with no console error or warning and makes no request but for the file itself', () => {
      expect(errors).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('data:'))).toEqual([fileUrl]);
    });

    it('shows the samples and the error-vs-NFE plot of every design, each at a readable size', async () => {
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('figure.plot')].map((f) => {
          const box = f.querySelector('svg')?.getBoundingClientRect();
          return { id: f.getAttribute('data-plot'), width: box?.width ?? 0, height: box?.height ?? 0 };
        }),
      );
      expect(shown.map((s) => s.id)).toEqual(['samples-0', 'samples-1', 'samples-2', 'cost-0', 'cost-1', 'cost-2']);
      for (const s of shown) {
        expect(s.width, s.id ?? '').toBeGreaterThan(300);
        expect(s.height, s.id ?? '').toBeGreaterThan(250);
      }
      // each cost plot has a curve per solver that ran
      const curves = await page.evaluate(() =>
        [...document.querySelectorAll('figure[data-plot^="cost-"]')].map(
          (f) => f.querySelectorAll('path.series').length,
        ),
      );
      for (const [i, count] of curves.entries()) {
        expect(count).toBe(new Set(result.designs[i]!.errorVsNfe.map((p) => p.solver)).size);
      }
    });

    it('marks the lowest value of each ranked column, and only that one', async () => {
      const marked = await page.evaluate(() =>
        [...document.querySelectorAll('table.compare td.best')].map((td) => ({
          column: td.getAttribute('data-column'),
          row: (td.parentElement as HTMLTableRowElement).rowIndex - 1,
        })),
      );
      const expected = compareColumns
        .filter((c) => c.ranked)
        .map((c) => {
          const values = result.designs.map(c.value);
          return { column: c.key, row: values.indexOf(Math.min(...values)) };
        });
      const byColumn = (a: { column: string | null }, b: { column: string | null }) =>
        (a.column ?? '').localeCompare(b.column ?? '');
      expect(marked.sort(byColumn)).toEqual(expected.sort(byColumn));
      const names = await page.locator('table.compare tbody tr td:first-child').allTextContents();
      expect(names).toEqual(['ve', 'pfgm', 've-T2']);
    });

    it('saves a screenshot of the whole page to test/.artifacts/compare.png', async () => {
      const path = join(artifacts, 'compare.png');
      await page.screenshot({ path, fullPage: true });
      expect(existsSync(path)).toBe(true);
    });
  },
);
