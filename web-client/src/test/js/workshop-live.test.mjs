// The dashboard's and projector's model of a workshop: an instructor's welcome carries every
// group's presence (docs/protocol.md 3.1), and later presence messages replace one group's.
import { test } from 'node:test';
import assert from 'node:assert/strict';

// The module reads the browser's storage when it loads; node has none, so give it an empty one.
const memory = () => { const m = new Map(); return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k) }; };
globalThis.window = { localStorage: memory(), sessionStorage: memory() };
const { WorkshopLive } = await import('../../main/resources/webroot/js/lib/workshop-live.js');

test('the welcome sets who is online in every group; a presence message then changes one group', () => {
  const live = new WorkshopLive('w1', 'token', null);
  live.receive({
    type: 'welcome', role: 'instructor', serverTime: 1, workshop: { id: 'w1', groups: [{ id: 'g1' }, { id: 'g2' }] },
    state: { groups: [{ groupId: 'g1', seq: 1 }, { groupId: 'g2', seq: 0 }], students: [], clock: null },
    presence: { g1: ['s-a', 's-b'], g2: [] },
  });
  assert.deepStrictEqual([...live.presence.get('g1')], ['s-a', 's-b']);
  assert.equal(live.presence.get('g2').size, 0);

  live.receive({ type: 'presence', groupId: 'g2', online: ['s-c'] });
  assert.deepStrictEqual([...live.presence.get('g2')], ['s-c']);
  assert.deepStrictEqual([...live.presence.get('g1')], ['s-a', 's-b']);

  // A reconnect's welcome replaces the whole map: whoever left meanwhile is no longer shown.
  live.receive({ type: 'welcome', role: 'instructor', workshop: { id: 'w1', groups: [] }, state: {}, presence: { g1: [], g2: ['s-c'] } });
  assert.equal(live.presence.get('g1').size, 0);
  assert.deepStrictEqual([...live.presence.get('g2')], ['s-c']);
});
