/**
 * A small structural XML checker for the plot tests: walks the text character by character,
 * checking tags are balanced, attributes are quoted and unique, and text and attribute values
 * hold no raw `<` or unknown `&` entities. Returns the element names in document order.
 */
export function checkXml(xml: string): { elements: string[]; attributes: Map<string, string>[] } {
  const stack: string[] = [];
  const elements: string[] = [];
  const attributes: Map<string, string>[] = [];
  let i = 0;
  let roots = 0;
  const fail = (msg: string): never => { throw new Error(`invalid XML at ${i}: ${msg} …${xml.slice(Math.max(0, i - 40), i + 40)}…`); };
  const isNameChar = (c: string): boolean => /[A-Za-z0-9_:.-]/.test(c);
  const checkText = (text: string): void => {
    let k = text.indexOf('&');
    while (k >= 0) {
      const m = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/.exec(text.slice(k));
      if (!m) fail(`bad entity in ${JSON.stringify(text.slice(k, k + 10))}`);
      k = text.indexOf('&', k + 1);
    }
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.includes('>')) fail('stray >');
    checkText(text);
    if (stack.length === 0 && text.trim() !== '') fail('text outside the root element');
    if (lt < 0) break;
    i = lt + 1;
    if (xml.startsWith('?', i)) { const e = xml.indexOf('?>', i); if (e < 0) fail('unclosed <?'); i = e + 2; continue; }
    if (xml.startsWith('!--', i)) { const e = xml.indexOf('-->', i); if (e < 0) fail('unclosed comment'); i = e + 3; continue; }
    const closing = xml[i] === '/';
    if (closing) i++;
    let name = '';
    while (i < xml.length && isNameChar(xml[i]!)) name += xml[i++];
    if (!name) fail('missing tag name');
    const attrs = new Map<string, string>();
    for (;;) {
      while (/\s/.test(xml[i] ?? '')) i++;
      const c = xml[i];
      if (c === undefined) fail('unterminated tag');
      if (c === '>' || (c === '/' && xml[i + 1] === '>')) break;
      if (closing) fail('attributes in a closing tag');
      let an = '';
      while (i < xml.length && isNameChar(xml[i]!)) an += xml[i++];
      if (!an) fail(`bad attribute name at '${c}'`);
      if (xml[i] !== '=') fail(`attribute ${an} without value`);
      i++;
      const q = xml[i];
      if (q !== '"' && q !== "'") fail(`attribute ${an} not quoted`);
      const end = xml.indexOf(q!, i + 1);
      if (end < 0) fail('unterminated attribute');
      const value = xml.slice(i + 1, end);
      if (value.includes('<')) fail(`raw < in attribute ${an}`);
      checkText(value);
      if (attrs.has(an)) fail(`duplicate attribute ${an}`);
      attrs.set(an, value);
      i = end + 1;
    }
    const selfClosing = xml[i] === '/';
    i += selfClosing ? 2 : 1;
    if (closing) {
      const open = stack.pop();
      if (open !== name) fail(`</${name}> closes <${open}>`);
      continue;
    }
    if (stack.length === 0) roots++;
    elements.push(name);
    attributes.push(attrs);
    if (!selfClosing) stack.push(name);
  }
  if (stack.length) throw new Error(`invalid XML: unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) throw new Error(`invalid XML: ${roots} root elements`);
  return { elements, attributes };
}

/** All numbers in an SVG's coordinate-bearing attributes; throws on NaN/Infinity/undefined text. */
export function assertFiniteCoordinates(svg: string): number {
  const { attributes } = checkXml(svg);
  let count = 0;
  for (const attrs of attributes) {
    for (const [name, value] of attrs) {
      if (!['x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height', 'd', 'transform', 'viewBox', 'points'].includes(name)) continue;
      if (/NaN|Infinity|undefined/.test(value)) throw new Error(`non-finite coordinate in ${name}="${value.slice(0, 80)}"`);
      count += (value.match(/-?\d+(\.\d+)?/g) ?? []).length;
    }
  }
  return count;
}
