// Korean (and any CJK) input arrives through an IME composition: while it runs, the input's
// value belongs to the IME. Setting .value, moving the element or replacing it in the middle
// breaks the syllable being built (typed Hangul comes out split or doubled). So we track which
// element is composing, renderers leave it and its ancestors alone, and we re-render once the
// composition ends.
let composing = null;
const listeners = new Set();

document.addEventListener('compositionstart', (e) => { composing = e.target; }, true);
document.addEventListener('compositionend', () => {
  composing = null;
  // After the browser has applied the committed text.
  setTimeout(() => listeners.forEach((fn) => fn()), 0);
}, true);
// A composition can end without compositionend when the element loses focus on some platforms.
document.addEventListener('blur', (e) => { if (e.target === composing) { composing = null; listeners.forEach((fn) => fn()); } }, true);

export function isComposing(el) {
  return composing !== null && composing === el;
}

/** True when the composing element is inside root (or is root). */
export function composingWithin(root) {
  return composing !== null && root.contains(composing);
}

export function anyComposing() {
  return composing !== null;
}

export function onCompositionEnd(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Enter that the IME uses to commit a syllable must not also submit the form. */
export function isImeEnter(e) {
  return e.isComposing || e.keyCode === 229;
}
