// Text shared by the report's SVG plots and HTML page: XML escaping and short, readable numbers.
// No layout here and nothing numeric beyond formatting.

/** Escape text for XML/HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const superscripts: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** An integer in superscript digits: 12 → ¹², −5 → ⁻⁵. */
export function superscript(n: number): string {
  return String(n).replace(/./g, (c) => superscripts[c] ?? c);
}

/** 10 to the power `exponent`, written 10⁻⁵. */
export function powerOfTen(exponent: number): string {
  return `10${superscript(exponent)}`;
}

/**
 * A number with `digits` significant digits, plainly between 10⁻³ and 10⁵ (0.0056, 12000), else as
 * m×10ᵏ (2.5×10⁻⁷); integers and trailing zeros are not padded. Non-finite values are spelled out.
 */
export function formatNumber(value: number, digits = 3): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const sign = value < 0 ? '−' : '';
  const magnitude = Math.abs(value);
  const rounded = Number(magnitude.toPrecision(digits));
  const exponent = Math.floor(Math.log10(rounded));
  if (exponent >= -3 && exponent < 5) return `${sign}${String(rounded)}`;
  const mantissa = Number((rounded / 10 ** exponent).toPrecision(digits));
  return mantissa === 1 ? `${sign}${powerOfTen(exponent)}` : `${sign}${mantissa}×${powerOfTen(exponent)}`;
}
