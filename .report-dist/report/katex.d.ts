/**
 * LaTeX → HTML. A formula KaTeX cannot parse is shown as KaTeX's own error element (class `katex-error`, the
 * source in red) rather than failing the report; tests check that every derived formula renders.
 */
export declare function renderMath(latex: string, display: boolean): string;
/**
 * katex.min.css with each @font-face's sources replaced by the woff2 file as a data URL (every browser that
 * runs KaTeX reads woff2; the woff and ttf fallbacks would only make the page bigger).
 */
export declare function katexStylesheet(): string;
