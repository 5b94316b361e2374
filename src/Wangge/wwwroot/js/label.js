// Map labels built as DOM text, never parsed as HTML: grid and business names come from users and imports,
// and Leaflet sets a string tooltip or divIcon as innerHTML.

/**
 * A span with one line per part; a part is text (string or number) or { text, className, bold }.
 * Empty parts (null, undefined, '') are left out.
 */
export function label(...parts) {
  const root = document.createElement('span');
  for (const part of parts) {
    if (part === null || part === undefined || part === '') continue;
    if (root.childNodes.length) root.appendChild(document.createElement('br'));
    root.appendChild(piece(part));
  }
  return root;
}

/** An element of the given tag and class holding only text. */
export function textElement(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.textContent = text === null || text === undefined ? '' : String(text);
  return el;
}

/** Fills {0}, {1}, … of a template with values, as text (no `$` patterns, no markup). */
export function format(template, ...values) {
  return String(template).replace(/\{(\d+)\}/g, (_, i) => (values[i] === null || values[i] === undefined ? '' : String(values[i])));
}

function piece(part) {
  if (typeof part !== 'object') return document.createTextNode(String(part));
  return textElement(part.bold ? 'b' : 'span', part.className, part.text);
}
