import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../main/resources/webroot/js/lib/store.js';

/** A frame scheduler the test runs by hand. */
function frames() {
  const queue = [];
  return { schedule: (fn) => queue.push(fn), run: () => queue.splice(0).forEach((fn) => fn()), get size() { return queue.length; } };
}

test('many changes within one frame notify once, at the frame', () => {
  const f = frames();
  const store = new Store({ n: 0 }, f.schedule);
  let heard = 0;
  store.addEventListener('change', () => { heard += 1; });
  for (let i = 0; i < 5; i++) { store.state.n += 1; store.changed(); }
  assert.equal(heard, 0);
  assert.equal(f.size, 1);
  f.run();
  assert.equal(heard, 1);
  assert.equal(store.state.n, 5);
});

test('a change after the frame ran schedules the next one', () => {
  const f = frames();
  const store = new Store({}, f.schedule);
  let heard = 0;
  store.addEventListener('change', () => { heard += 1; });
  store.changed();
  f.run();
  store.changed();
  store.changed();
  f.run();
  assert.equal(heard, 2);
  assert.equal(f.size, 0);
});

test('a change made by a listener is drawn in a later frame, not lost', () => {
  const f = frames();
  const store = new Store({ again: true }, f.schedule);
  let heard = 0;
  store.addEventListener('change', () => {
    heard += 1;
    if (store.state.again) { store.state.again = false; store.changed(); }
  });
  store.changed();
  f.run();
  assert.equal(heard, 1);
  assert.equal(f.size, 1);
  f.run();
  assert.equal(heard, 2);
});

test('the state is the object given, shared with every listener', () => {
  const state = { name: 'a' };
  const store = new Store(state, () => {});
  assert.equal(store.state, state);
});

test('without a scheduler it waits for the next animation frame', () => {
  const queued = [];
  globalThis.requestAnimationFrame = (fn) => { queued.push(fn); return queued.length; };
  try {
    const store = new Store({});
    let heard = 0;
    store.addEventListener('change', () => { heard += 1; });
    store.changed();
    store.changed();
    assert.equal(queued.length, 1);
    queued[0]();
    assert.equal(heard, 1);
  } finally {
    delete globalThis.requestAnimationFrame;
  }
});
