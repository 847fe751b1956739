// How much of the layout viewport an on-screen keyboard covers, as the CSS variable
// --keyboard-inset, so that the card composer can stay just above the keyboard. Chrome on
// Android resizes the layout itself (meta viewport interactive-widget=resizes-content) and the
// inset stays 0; Safari on iOS only shrinks the visual viewport, which this measures.
export function trackKeyboardInset() {
  const vv = window.visualViewport;
  if (!vv) return;
  const update = () => {
    const inset = Math.max(0, window.innerHeight - vv.height - vv.offsetTop);
    document.documentElement.style.setProperty('--keyboard-inset', `${Math.round(inset)}px`);
  };
  vv.addEventListener('resize', update);
  vv.addEventListener('scroll', update);
  update();
}

/** Phones and tablets: no hardware keyboard to hold Shift on, no hover. */
export function isTouchOnly() {
  return typeof matchMedia === 'function' && matchMedia('(hover: none) and (pointer: coarse)').matches;
}
