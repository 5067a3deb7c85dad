// Test helper: an SVG string checked by a real XML parser (fast-xml-parser) and turned into a tree of elements,
// so plot tests look at elements and attributes rather than matching text.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface Element {
  tag: string;
  attributes: Record<string, string>;
  children: Element[];
  /** The element's own text (concatenated text nodes). */
  text: string;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
});

function toElement(node: Ordered): Element | string {
  const tag = Object.keys(node).find((k) => k !== ':@')!;
  if (tag === '#text') return String(node[tag]);
  const kids = (node[tag] as Ordered[]).map(toElement);
  return {
    tag,
    attributes: node[':@'] ?? {},
    children: kids.filter((k): k is Element => typeof k !== 'string'),
    text: kids.filter((k): k is string => typeof k === 'string').join(''),
  };
}

/**
 * Parse an SVG document. @throws Error with the parser's message when it is not well-formed XML or its root is
 * not one <svg> element
 */
export function parseSvg(svg: string): Element {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} at line ${valid.err.line}`);
  const roots = (parser.parse(svg) as Ordered[]).map(toElement).filter((k): k is Element => typeof k !== 'string');
  if (roots.length !== 1 || roots[0]!.tag !== 'svg') throw new Error('the document is not one <svg> element');
  return roots[0]!;
}

/** Every element of the tree, depth first. */
export function allElements(root: Element): Element[] {
  return [root, ...root.children.flatMap(allElements)];
}

/** Elements whose class list contains `name`. */
export function byClass(root: Element, name: string): Element[] {
  return allElements(root).filter((e) => (e.attributes.class ?? '').split(/\s+/).includes(name));
}

/** Text of an element and all its descendants. */
export function textOf(e: Element): string {
  return e.text + e.children.map(textOf).join('');
}

/** Attribute values (of geometry attributes) that are not finite numbers or number lists: none in a good plot. */
export function badCoordinates(root: Element): string[] {
  const geometry = ['x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'd', 'transform', 'viewBox'];
  const bad: string[] = [];
  for (const e of allElements(root)) {
    for (const name of geometry) {
      const value = e.attributes[name];
      if (value === undefined) continue;
      const numbers = value.match(/-?[\d.]+(?:e-?\d+)?|[A-Za-z]+/g) ?? [];
      for (const token of numbers) {
        if (/^[A-Za-z]+$/.test(token) && !['M', 'L', 'z', 'translate', 'rotate'].includes(token))
          bad.push(`${e.tag}.${name}="${value}"`);
        if (!/^[A-Za-z]+$/.test(token) && !Number.isFinite(Number(token))) bad.push(`${e.tag}.${name}="${value}"`);
      }
    }
  }
  return bad;
}
