// The report as a reader opens it: the page built by buildReport, loaded from a file:// URL in Debian's headless
// Chromium (driven by playwright-core, never a downloaded browser). It must load with no console error, make no
// request but for the file itself, render its math with KaTeX's inlined fonts, and show every plot. Saves a
// screenshot to test/.artifacts/report.png. Skipped, saying so, where /usr/bin/chromium is missing.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset, loadDesign } from '../../src/index.js';
import { buildReport } from '../../src/report/index.js';
import { example } from '../helpers.js';

const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const skipReason = `${chromiumPath} not found: install Debian's chromium (apt-get install -y chromium) to run this test`;
if (!haveChromium) console.warn(`report browser test skipped: ${skipReason}`);

const artifacts = new URL('../.artifacts/', import.meta.url).pathname;
const plots = [
  'plot-psi',
  'plot-phi',
  'plot-velocity-1',
  'plot-velocity-2',
  'plot-velocity-3',
  'plot-samples',
  'plot-trajectories',
  'plot-traces',
];

describe.skipIf(!haveChromium)(
  `the report in headless Chromium${haveChromium ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    const design = loadDesign(example('tanh.yaml'));
    const requests: string[] = [];
    const errors: string[] = [];
    let profile = '';
    let context: BrowserContext;
    let page: Page;
    let fileUrl = '';

    beforeAll(async () => {
      const html = await buildReport(design, {
        data: dataset('8gaussians', { n: 128, seed: 0 }),
        dataLabel: '8gaussians',
        verifyRuns: 5,
        sampleN: 200,
        seed: 0,
        spec: { text: readFileSync(example('tanh.yaml'), 'utf8'), file: 'tanh.yaml' },
      });
      mkdirSync(artifacts, { recursive: true });
      const file = join(artifacts, 'report.html');
      writeFileSync(file, html);
      fileUrl = pathToFileURL(file).href;

      profile = mkdtempSync(join(tmpdir(), 'odeforge-chromium-'));
      context = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath,
        headless: true,
        offline: true,
        viewport: { width: 1400, height: 900 },
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          errors.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      await page.goto(fileUrl, { waitUntil: 'load' });
      await page.evaluate(async () => {
        await document.fonts.ready;
      });
    });

    afterAll(async () => {
      await context?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    it('loads with no console error or warning (a CSP violation would be one)', () => {
      expect(errors).toEqual([]);
    });

    it('makes no request but for the file itself', () => {
      expect(requests.filter((url) => !url.startsWith('data:'))).toEqual([fileUrl]);
    });

    it('renders the math: KaTeX elements for every derived quantity, no error, KaTeX fonts loaded from the page', async () => {
      const math = await page.evaluate(() => ({
        katex: document.querySelectorAll('td.formula .katex').length,
        errors: document.querySelectorAll('.katex-error').length,
        fontsLoaded: [...document.fonts].filter(
          (f) => f.family.replace(/"/g, '').startsWith('KaTeX') && f.status === 'loaded',
        ).length,
        fontsFailed: [...document.fonts].filter((f) => f.status === 'error').length,
      }));
      expect(math.katex).toBe(Object.keys(design.derivation).length);
      expect(math.errors).toBe(0);
      expect(math.fontsLoaded).toBeGreaterThan(0);
      expect(math.fontsFailed).toBe(0);
    });

    it('shows every plot, each drawn at a readable size', async () => {
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('figure.plot')].map((f) => {
          const svg = f.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return { id: f.getAttribute('data-plot'), width: box?.width ?? 0, height: box?.height ?? 0 };
        }),
      );
      expect(shown.map((s) => s.id)).toEqual(plots);
      for (const s of shown) {
        expect(s.width, s.id ?? '').toBeGreaterThan(300);
        expect(s.height, s.id ?? '').toBeGreaterThan(300);
      }
      // one SVG stack: every plot, the samples scatter of `sample --plot` included, is drawn in the same frame
      expect(await page.locator('svg.odeforge-plot').count()).toBe(plots.length);
    });

    it('saves a screenshot of the whole page to test/.artifacts/report.png', async () => {
      const path = join(artifacts, 'report.png');
      await page.screenshot({ path, fullPage: true });
      expect(existsSync(path)).toBe(true);
    });
  },
);
