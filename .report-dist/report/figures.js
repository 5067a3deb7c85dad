import { linePlotSvg, quiverSvg, trajectoriesSvg } from './plots.js';
import { scatterSvg } from './svg.js';
import { formatNumber, superscript } from './text.js';
/** Colour-blind-safe (Okabe–Ito), one per curve time. */
const palette = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#000000'];
const dataColor = '#8a94a0';
/** A time rounded to 2 significant digits, kept inside [ε, T] (so labels are exact and short). */
function roundTime(t, design) {
    const rounded = Number(t.toPrecision(2));
    return rounded >= design.epsilon && rounded <= design.T ? rounded : t;
}
/** `count` log-spaced times from ε to T (both exact), the interior ones rounded to 2 significant digits. */
export function curveTimes(design, count = 5) {
    const a = Math.log(design.epsilon);
    const b = Math.log(design.T);
    return Array.from({ length: count }, (_, k) => {
        if (k === 0)
            return design.epsilon;
        if (k === count - 1)
            return design.T;
        return roundTime(Math.exp(a + ((b - a) * k) / (count - 1)), design);
    });
}
function quantileOr(design, t, u) {
    try {
        const r = design.kernel.radialQuantile(t, u);
        return Number.isFinite(r) && r > 0 ? r : NaN;
    }
    catch {
        return NaN;
    }
}
/** log φₜ(r), from the kernel's log-density at x = r e₁ around x0 = 0 (the centre for every family). */
function logPhi(design, t, r) {
    const x = new Float64Array(design.dimension);
    x[0] = r;
    return design.kernel.logDensity(t, x, new Float64Array(design.dimension));
}
/**
 * The kernel's radial curves at `times`, over radii from the smallest time's 0.2% quantile to the largest
 * time's 99.8% quantile (log-spaced when they span more than a factor 30).
 */
export function radialCurves(design, times, points = 240) {
    const lows = times.map((t) => quantileOr(design, t, 0.002)).filter(Number.isFinite);
    const highs = times.map((t) => quantileOr(design, t, 0.998)).filter(Number.isFinite);
    let lo = lows.length > 0 ? Math.min(...lows) : design.epsilon;
    let hi = highs.length > 0 ? Math.max(...highs) : design.T;
    if (!(hi > lo))
        [lo, hi] = [lo / 2, lo * 2];
    const rScale = hi / lo > 30 ? 'log' : 'linear';
    const r = Float64Array.from({ length: points }, (_, i) => {
        const s = i / (points - 1);
        return rScale === 'log' ? lo * (hi / lo) ** s : lo + (hi - lo) * s;
    });
    const psi = times.map((t) => r.map((v) => design.kernel.radialCdf(t, v)));
    const phi = times.map((t) => r.map((v) => Math.exp(logPhi(design, t, v))));
    const phiAtTail = times.map((t) => Math.exp(logPhi(design, t, quantileOr(design, t, 0.99))));
    return { times: [...times], r, rScale, psi, phi, phiAtTail };
}
const timeLabel = (t) => `t = ${formatNumber(t)}`;
/** ψₜ(r) for each time. */
export function psiFigure(design, curves) {
    const svg = linePlotSvg(curves.times.map((t, k) => ({ x: curves.r, y: curves.psi[k], color: palette[k % palette.length], label: timeLabel(t) })), {
        id: 'plot-psi', title: `${design.name}: radial CDF ψₜ(r)`, xLabel: 'r = |x − centre|', yLabel: 'ψₜ(r) = P(|xₜ − centre| ≤ r)',
        xScale: curves.rScale, yRange: [-0.02, 1.02],
    });
    return {
        id: 'plot-psi',
        caption: 'The kernel\'s radial CDF ψₜ(r) at log-spaced times from ε to T: the probability that xₜ lies within r of the '
            + 'kernel\'s centre (x₀ for radial designs, αₜ x₀ for paths). It should rise from 0 to 1, and move right as t grows.',
        svg,
    };
}
/** φₜ(r) on log axes, down to where every curve has reached its 99% radius. */
export function phiFigure(design, curves) {
    let top = 0;
    for (const values of curves.phi)
        for (const v of values)
            if (Number.isFinite(v) && v > top)
                top = v;
    const tails = curves.phiAtTail.filter((v) => Number.isFinite(v) && v > 0);
    const floor = Math.max(tails.length > 0 ? Math.min(...tails) / 10 : top * 1e-12, top * 1e-300);
    const svg = linePlotSvg(curves.times.map((t, k) => ({ x: curves.r, y: curves.phi[k], color: palette[k % palette.length], label: timeLabel(t) })), {
        id: 'plot-phi', title: `${design.name}: kernel density φₜ(r)`, xLabel: 'r = |x − centre|', yLabel: 'φₜ(r) = pₜ(x | x₀)',
        xScale: curves.rScale, yScale: 'log', yRange: top > floor ? [floor, top * 1.5] : undefined,
        notes: [`density in ℝ${superscript(design.dimension)} at distance r from the centre (not the density of |xₜ|)`],
    });
    return {
        id: 'plot-phi',
        caption: `The normalized kernel density φₜ(r) = pₜ(x | x₀) at distance r from the centre, in d = ${design.dimension}, at the same times.`,
        svg,
    };
}
/** Root-mean-square distance of the points to their mean: the data's scale. */
export function dataScale(data) {
    const { points, dim } = data;
    const m = points.length / dim;
    const mean = new Float64Array(dim);
    for (let i = 0; i < m; i++)
        for (let c = 0; c < dim; c++)
            mean[c] += points[i * dim + c] / m;
    let sum = 0;
    for (let i = 0; i < m; i++)
        for (let c = 0; c < dim; c++)
            sum += (points[i * dim + c] - mean[c]) ** 2;
    return Math.sqrt(sum / m);
}
/**
 * The time in [ε, T] at which the kernel's median radius equals `radius` (bisection in log t; the median radius
 * is taken to grow with t), clamped to ε or T when out of reach.
 */
export function timeAtMedianRadius(design, radius) {
    const median = (t) => quantileOr(design, t, 0.5);
    if (!(median(design.epsilon) < radius))
        return design.epsilon;
    if (!(median(design.T) > radius))
        return design.T;
    let lo = Math.log(design.epsilon);
    let hi = Math.log(design.T);
    for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (median(Math.exp(mid)) < radius)
            lo = mid;
        else
            hi = mid;
    }
    return Math.exp((lo + hi) / 2);
}
/** Times at which to show the field: the kernel's median radius at 1.5, 0.5 and 0.15 times the data's scale. */
export function fieldTimes(design, data) {
    const s = dataScale(data);
    const times = [1.5, 0.5, 0.15].map((f) => roundTime(timeAtMedianRadius(design, f * s), design));
    return [...new Set(times)];
}
export function velocityGrid(design, data, t, cells = 16) {
    const { points, dim } = data;
    const m = points.length / dim;
    let [xmin, xmax, ymin, ymax] = [Infinity, -Infinity, Infinity, -Infinity];
    const mean = new Float64Array(dim);
    for (let i = 0; i < m; i++) {
        const a = points[i * dim];
        const b = points[i * dim + 1];
        [xmin, xmax, ymin, ymax] = [Math.min(xmin, a), Math.max(xmax, a), Math.min(ymin, b), Math.max(ymax, b)];
        for (let c = 0; c < dim; c++)
            mean[c] += points[i * dim + c] / m;
    }
    const span = Math.max(xmax - xmin, ymax - ymin, 1e-9) * 1.3;
    const spacing = span / cells;
    const nx = Math.max(2, Math.round((xmax - xmin) * 1.3 / spacing) + 1);
    const ny = Math.max(2, Math.round((ymax - ymin) * 1.3 / spacing) + 1);
    const x0 = (xmin + xmax) / 2 - ((nx - 1) * spacing) / 2;
    const y0 = (ymin + ymax) / 2 - ((ny - 1) * spacing) / 2;
    const field = design.field(points);
    const positions = new Float64Array(2 * nx * ny);
    const vectors = new Float64Array(2 * nx * ny);
    const x = Float64Array.from(mean);
    let k = 0;
    for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
            x[0] = x0 + i * spacing;
            x[1] = y0 + j * spacing;
            const v = field.velocity(t, x);
            positions[2 * k] = x[0];
            positions[2 * k + 1] = x[1];
            vectors[2 * k] = -v[0];
            vectors[2 * k + 1] = -v[1];
            k++;
        }
    }
    return { positions, vectors, spacing };
}
function dataLayer(data) {
    return { points: data.points, dim: data.dim, label: `data (${data.label})`, color: dataColor, radius: 1.4, opacity: 0.5 };
}
const planeNote = (dim) => (dim > 2 ? ['first two coordinates; the others at the data mean'] : []);
/** −vₜ(x) against x at each of `times`, for one-dimensional designs (a quiver needs two coordinates). */
function velocityCurvesFigure(design, data, times) {
    let [lo, hi] = [Infinity, -Infinity];
    for (const v of data.points)
        if (Number.isFinite(v))
            [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    const pad = 0.3 * Math.max(hi - lo, 1e-9);
    const x = Float64Array.from({ length: 241 }, (_, i) => lo - pad + ((hi - lo + 2 * pad) * i) / 240);
    const field = design.field(data.points);
    const series = times.map((t, k) => ({
        x, y: x.map((v) => -field.velocity(t, [v])[0]), color: palette[k % palette.length], label: timeLabel(t),
    }));
    return {
        id: 'plot-velocity-1',
        caption: 'Marginal velocity −vₜ(x) over the data\'s range: where it crosses zero downwards, samples gather as t decreases.',
        svg: linePlotSvg(series, { id: 'plot-velocity-1', title: `${design.name}: −vₜ(x)`, xLabel: 'x', yLabel: '−vₜ(x)' }),
    };
}
/** A quiver of −vₜ over the data at each of `times` (curves of −vₜ(x) when d = 1). */
export function velocityFigures(design, data, times) {
    if (data.dim === 1)
        return [velocityCurvesFigure(design, data, times)];
    return times.map((t, k) => {
        const grid = velocityGrid(design, data, t);
        const id = `plot-velocity-${k + 1}`;
        return {
            id,
            caption: `Marginal velocity at t = ${formatNumber(t)} (the kernel's median radius is ${formatNumber(quantileOr(design, t, 0.5))}).`,
            svg: quiverSvg({
                id, title: `−vₜ(x) at t = ${formatNumber(t)}`, ...grid, arrowLabel: '−vₜ(x)',
                background: dataLayer(data), notes: planeNote(data.dim), width: 400, height: 460,
            }),
        };
    });
}
/** Samples over data, with svg.ts's scatter (the same plot as `sample --plot`). */
export function samplesFigure(design, data, samples) {
    const n = samples.length / data.dim;
    const coords = data.dim > 2 ? ' (first two coordinates)' : '';
    return {
        id: 'plot-samples',
        caption: `${n} samples of the marginal ODE from t = T down to ε, over the data${coords}.`,
        svg: scatterSvg([
            { points: data.points, dim: data.dim, label: `data (${data.label})`, color: dataColor, radius: 1.4, opacity: 0.6 },
            { points: samples, dim: data.dim, label: `samples (${n})`, color: '#d9480f', radius: 1.6, opacity: 0.75 },
        ], { title: `${design.name}: samples over data${coords}`, width: 400, height: 400, xLabel: 'x₁', yLabel: 'x₂' }),
    };
}
/** Trajectories in the plane, and the first coordinate against t (from the prior's scale down to the data's). */
export function trajectoryFigures(design, data, trajectories, shown = 40) {
    const { times, states, count } = trajectories;
    const K = times.length;
    const d = data.dim;
    const traces = Array.from({ length: Math.min(shown, count) }, (_, i) => ({
        x: times,
        y: Float64Array.from({ length: K }, (_, k) => states[(k * count + i) * d]),
        color: '#5f3dc4',
        strokeWidth: 1,
        opacity: 0.5,
    }));
    const tracesFigure = {
        id: 'plot-traces',
        caption: 'The first coordinate of the trajectories against t (log scale): sampling runs from right (t = T) to left (t = ε).',
        svg: linePlotSvg(traces, {
            id: 'plot-traces', title: `${design.name}: x₁ along the trajectories`, xLabel: 't (sampling runs right to left)', yLabel: 'x₁',
            xScale: 'log', xRange: [design.epsilon, design.T], width: 400, height: 400,
        }),
    };
    if (d === 1)
        return [tracesFigure];
    return [
        {
            id: 'plot-trajectories',
            caption: 'Trajectories of the sampler from the prior at t = T (rings) to the samples at t = ε (dots), over the data.',
            svg: trajectoriesSvg({
                id: 'plot-trajectories', title: `${design.name}: trajectories, prior → data`, states, steps: K, count, dim: d,
                background: dataLayer(data), maxTrajectories: shown, notes: planeNote(d), width: 400, height: 460,
            }),
        },
        tracesFigure,
    ];
}
