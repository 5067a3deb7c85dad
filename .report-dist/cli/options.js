// Parsing of option values shared by the commands: numbers, integers and comma-separated vectors,
// each rejected with a message naming the option.
import { OdeforgeError } from '../index.js';
export function parseNumber(option, text) {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value))
        throw new OdeforgeError(`--${option} must be a finite number, not "${text}"`);
    return value;
}
export function parsePositiveInteger(option, text) {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1)
        throw new OdeforgeError(`--${option} must be a positive integer, not "${text}"`);
    return value;
}
/** "1.3,0" → [1.3, 0]; negative coordinates work as --x=-1,2. */
export function parseVector(option, text) {
    const parts = text.split(',').map((p) => p.trim());
    return parts.map((part, i) => {
        const value = Number(part);
        if (part === '' || !Number.isFinite(value)) {
            throw new OdeforgeError(`--${option}: coordinate ${i + 1} ("${part}") is not a finite number`, {}, `write --${option}=-1,2.5`);
        }
        return value;
    });
}
