// The one store every page keeps its state in. A page mutates `state` and calls changed();
// listeners hear one 'change' per animation frame however many changes came in it, so a burst
// of events (a replay, a welcome) draws the page once.

export class Store extends EventTarget {
  /**
   * @param {object} state the page's state, mutated in place by the page
   * @param {(fn: () => void) => unknown} [schedule] when to notify; the next frame by default
   */
  constructor(state, schedule = (fn) => requestAnimationFrame(fn)) {
    super();
    this.state = state;
    this.schedule = schedule;
    this.scheduled = false;
  }

  /** Something in `state` changed: notify once, at the next frame. */
  changed() {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.dispatchEvent(new Event('change'));
    });
  }
}
