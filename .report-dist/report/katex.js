// Math for the report, rendered to HTML ahead of time by KaTeX (the page runs no script), and KaTeX's
// stylesheet with its woff2 fonts inlined as data URLs (the page makes no request).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import katex from 'katex';
const require = createRequire(import.meta.url);
/**
 * LaTeX → HTML. A formula KaTeX cannot parse is shown as KaTeX's own error element (class `katex-error`, the
 * source in red) rather than failing the report; tests check that every derived formula renders.
 */
export function renderMath(latex, display) {
    return katex.renderToString(latex, { displayMode: display, throwOnError: false, strict: 'ignore' });
}
let stylesheet;
/**
 * katex.min.css with each @font-face's sources replaced by the woff2 file as a data URL (every browser that
 * runs KaTeX reads woff2; the woff and ttf fallbacks would only make the page bigger).
 */
export function katexStylesheet() {
    if (stylesheet !== undefined)
        return stylesheet;
    const cssPath = require.resolve('katex/dist/katex.min.css');
    const fonts = join(dirname(cssPath), 'fonts');
    const css = readFileSync(cssPath, 'utf8');
    stylesheet = css.replace(/src:url\(fonts\/([\w-]+\.woff2)\) format\("woff2"\)[^;}]*/g, (_, file) => {
        const data = readFileSync(join(fonts, file)).toString('base64');
        return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
    });
    return stylesheet;
}
