// Creating SVG elements. Geometry goes in SVG attributes (x, y, d, transform), which the panel's CSP
// allows; colours and fonts come from classes in media/graph.css, never from style attributes.
const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
  className?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
  if (className) el.setAttribute('class', className);
  return el;
}

export function svgText(text: string, x: number, y: number, className: string): SVGTextElement {
  const el = svgElement('text', { x, y }, className);
  el.textContent = text;
  return el;
}
