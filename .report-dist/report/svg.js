// Self-contained SVG scatter plots (samples over data): real axes with ticks and labels, a legend, equal
// aspect ratio. No browser, no dependencies; the report layer reuses it.
const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Round tick values 1, 2 or 5 × 10^k apart covering [lo, hi], about `count` of them. */
export function niceTicks(lo, hi, count = 6) {
    if (!(hi > lo))
        return [lo];
    const raw = (hi - lo) / count;
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
    const ticks = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
        ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return ticks;
}
function tickLabel(v, ticks) {
    const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
    const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    return v.toFixed(Math.min(decimals, 12));
}
/** An SVG document plotting each series' (x1, x2) on shared, equally scaled axes. */
export function scatterSvg(series, options = {}) {
    const width = options.width ?? 640;
    const height = options.height ?? 640;
    const margin = { left: 64, right: 20, top: options.title ? 40 : 20, bottom: 56 };
    const plotW = width - margin.left - margin.right;
    const plotH = height - margin.top - margin.bottom;
    const maxPoints = options.maxPoints ?? 20000;
    let xmin = Infinity;
    let xmax = -Infinity;
    let ymin = Infinity;
    let ymax = -Infinity;
    for (const s of series) {
        for (let i = 0; i < s.points.length; i += s.dim) {
            const x = s.points[i];
            const y = s.dim > 1 ? s.points[i + 1] : 0;
            if (!Number.isFinite(x) || !Number.isFinite(y))
                continue;
            xmin = Math.min(xmin, x);
            xmax = Math.max(xmax, x);
            ymin = Math.min(ymin, y);
            ymax = Math.max(ymax, y);
        }
    }
    if (!Number.isFinite(xmin))
        [xmin, xmax, ymin, ymax] = [-1, 1, -1, 1];
    // Equal scale on both axes, centred, 5% padding.
    const span = Math.max(xmax - xmin, ymax - ymin, 1e-12) * 1.1;
    const scale = Math.min(plotW, plotH) / span;
    const cx = (xmin + xmax) / 2;
    const cy = (ymin + ymax) / 2;
    const x0 = cx - plotW / scale / 2;
    const x1 = cx + plotW / scale / 2;
    const y0 = cy - plotH / scale / 2;
    const y1 = cy + plotH / scale / 2;
    const px = (x) => margin.left + (x - x0) * scale;
    const py = (y) => margin.top + plotH - (y - y0) * scale;
    const f = (v) => v.toFixed(2);
    const out = [];
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
    out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
    if (options.title)
        out.push(`<text x="${width / 2}" y="24" text-anchor="middle" font-size="15">${escapeXml(options.title)}</text>`);
    out.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`);
    const xTicks = niceTicks(x0, x1);
    const yTicks = niceTicks(y0, y1);
    out.push('<g class="grid" stroke="#e5e5e5">');
    for (const v of xTicks)
        out.push(`<line x1="${f(px(v))}" y1="${margin.top}" x2="${f(px(v))}" y2="${margin.top + plotH}"/>`);
    for (const v of yTicks)
        out.push(`<line x1="${margin.left}" y1="${f(py(v))}" x2="${margin.left + plotW}" y2="${f(py(v))}"/>`);
    out.push('</g>');
    out.push('<g class="ticks" stroke="#333">');
    for (const v of xTicks)
        out.push(`<line x1="${f(px(v))}" y1="${margin.top + plotH}" x2="${f(px(v))}" y2="${margin.top + plotH + 5}"/>`);
    for (const v of yTicks)
        out.push(`<line x1="${margin.left - 5}" y1="${f(py(v))}" x2="${margin.left}" y2="${f(py(v))}"/>`);
    out.push('</g>');
    out.push('<g class="tick-labels" fill="#333">');
    for (const v of xTicks)
        out.push(`<text x="${f(px(v))}" y="${margin.top + plotH + 18}" text-anchor="middle">${tickLabel(v, xTicks)}</text>`);
    for (const v of yTicks)
        out.push(`<text x="${margin.left - 8}" y="${f(py(v) + 4)}" text-anchor="end">${tickLabel(v, yTicks)}</text>`);
    out.push('</g>');
    out.push(`<text x="${margin.left + plotW / 2}" y="${height - 14}" text-anchor="middle">${escapeXml(options.xLabel ?? 'x1')}</text>`);
    out.push(`<text transform="translate(16 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel ?? 'x2')}</text>`);
    out.push(`<clipPath id="plot-area"><rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}"/></clipPath>`);
    for (const s of series) {
        const n = s.points.length / s.dim;
        const stride = Math.max(1, Math.ceil(n / maxPoints));
        const r = s.radius ?? 1.6;
        out.push(`<g class="series" clip-path="url(#plot-area)" fill="${escapeXml(s.color)}" fill-opacity="${s.opacity ?? 0.7}"><title>${escapeXml(s.label)}</title>`);
        for (let i = 0; i < n; i += stride) {
            const x = s.points[i * s.dim];
            const y = s.dim > 1 ? s.points[i * s.dim + 1] : 0;
            if (Number.isFinite(x) && Number.isFinite(y))
                out.push(`<circle cx="${f(px(x))}" cy="${f(py(y))}" r="${r}"/>`);
        }
        out.push('</g>');
    }
    const legendX = margin.left + 12;
    out.push(`<g class="legend"><rect x="${legendX - 6}" y="${margin.top + 6}" width="${Math.max(...series.map((s) => s.label.length), 4) * 7 + 36}" height="${series.length * 18 + 8}" fill="white" fill-opacity="0.85" stroke="#999"/>`);
    series.forEach((s, k) => {
        const y = margin.top + 20 + 18 * k;
        out.push(`<circle cx="${legendX + 6}" cy="${y - 4}" r="4" fill="${escapeXml(s.color)}"/><text x="${legendX + 18}" y="${y}">${escapeXml(s.label)}</text>`);
    });
    out.push('</g>');
    out.push('</svg>');
    return `${out.join('\n')}\n`;
}
