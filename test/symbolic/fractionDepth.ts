// How many fractions deep a LaTeX formula is: \frac{\frac{a}{b}}{c} is 2, a + \frac{1}{b} is 1.

const fraction = /\\[dt]?frac(?![a-zA-Z])/g;

/** The deepest nesting of \frac (or \tfrac, \dfrac) in `tex`. */
export function fractionDepth(tex: string): number {
  let deepest = 0;
  fraction.lastIndex = 0;
  for (let match = fraction.exec(tex); match; match = fraction.exec(tex)) {
    const first = group(tex, match.index + match[0].length);
    const second = group(tex, first.end);
    deepest = Math.max(deepest, 1 + Math.max(fractionDepth(first.body), fractionDepth(second.body)));
    fraction.lastIndex = second.end;
  }
  return deepest;
}

/** The brace group (or single token) starting at `from`, skipping spaces. */
function group(tex: string, from: number): { body: string; end: number } {
  let i = from;
  while (tex[i] === ' ') i++;
  if (tex[i] !== '{') return { body: tex[i] ?? '', end: i + 1 };
  let level = 0;
  for (let j = i; j < tex.length; j++) {
    if (tex[j] === '{') level++;
    else if (tex[j] === '}' && --level === 0) return { body: tex.slice(i + 1, j), end: j + 1 };
  }
  return { body: tex.slice(i + 1), end: tex.length };
}
