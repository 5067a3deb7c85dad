/** Escape text for XML/HTML content and attribute values. */
export declare function escapeXml(text: string): string;
/** An integer in superscript digits: 12 → ¹², −5 → ⁻⁵. */
export declare function superscript(n: number): string;
/** 10 to the power `exponent`, written 10⁻⁵. */
export declare function powerOfTen(exponent: number): string;
/**
 * A number with `digits` significant digits, plainly between 10⁻³ and 10⁵ (0.0056, 12000), else as
 * m×10ᵏ (2.5×10⁻⁷); integers and trailing zeros are not padded. Non-finite values are spelled out.
 */
export declare function formatNumber(value: number, digits?: number): string;
