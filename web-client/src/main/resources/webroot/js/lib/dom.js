// Tiny DOM helpers. User text only ever goes in through textContent (or attribute values),
// never through innerHTML, so a card that says "<img onerror=...>" stays text.

/**
 * h('button', {class: 'x', testid: 'join-submit', onclick: fn, attrs: {type: 'button'}}, 'label', child)
 * Strings among the children become text nodes; null/false children are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'testid') el.dataset.testid = value;
    else if (key === 'dataset') for (const [d, v] of Object.entries(value)) { if (v !== undefined && v !== null) el.dataset[d] = String(v); }
    else if (key === 'attrs') for (const [a, v] of Object.entries(value)) { if (v !== undefined && v !== null && v !== false) el.setAttribute(a, v === true ? '' : String(v)); }
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el[key] = value;
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces the children of el; use only where no input inside can be focused or composing. */
export function replace(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

/** Sets textContent only when it changed, so screen readers and selections are not disturbed. */
export function setText(el, text) {
  const value = text === null || text === undefined ? '' : String(text);
  if (el.textContent !== value) el.textContent = value;
}

export function show(el, visible) {
  el.hidden = !visible;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

/**
 * Keyed list reconciliation: keeps existing elements (and so their focus, selection and IME
 * state) and only moves the ones whose position changed. Elements carry their key in data-key.
 * The element holding the focus is never moved (moving a node blurs it, so a student typing in
 * a card editor would lose the keyboard when a group-mate reorders): the others move around it.
 */
export function reconcile(container, items, keyOf, create, update) {
  const existing = new Map();
  for (const child of Array.from(container.children)) existing.set(child.dataset.key, child);
  const wanted = items.map((item, index) => {
    const key = String(keyOf(item));
    let el = existing.get(key);
    if (el) existing.delete(key);
    else {
      el = create(item, index);
      el.dataset.key = key;
    }
    update(el, item, index);
    return el;
  });
  for (const el of existing.values()) el.remove();
  const active = document.activeElement;
  const pinned = active && container.contains(active) ? wanted.find((el) => el.contains(active) && el.parentNode === container) : null;
  if (!pinned) {
    let previous = null;
    for (const el of wanted) {
      const at = previous ? previous.nextSibling : container.firstChild;
      if (at !== el) container.insertBefore(el, at);
      previous = el;
    }
    return;
  }
  const p = wanted.indexOf(pinned);
  let node = container.firstChild;
  let inOrder = true;
  for (let i = 0; i < p; i += 1, node = node && node.nextSibling) {
    if (node !== wanted[i]) { inOrder = false; break; }
  }
  if (!inOrder || node !== pinned) {
    for (let i = 0; i < p; i += 1) container.insertBefore(wanted[i], pinned);
  }
  let previous = pinned;
  for (let i = p + 1; i < wanted.length; i += 1) {
    if (previous.nextSibling !== wanted[i]) container.insertBefore(wanted[i], previous.nextSibling);
    previous = wanted[i];
  }
}
