import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nudgeFlags, DEFAULT_RULES } from '../../main/resources/webroot/js/lib/nudges.js';

const T0 = 1_700_000_000_000;
const discussion = { kind: 'discussion', phaseStartedAt: T0, paused: false, pausedAt: 0 };
const group = (cards, lastActivityAt = 0) => ({ members: [{ studentId: 's1' }], cards: { p1: Array(cards).fill({}) }, lastActivityAt });

test('the dashboard flags the same moments as the server rules (AnalyticsFoldTest.nudges)', () => {
  assert.deepEqual(nudgeFlags(DEFAULT_RULES, discussion, group(0), T0 + 89_999), []);
  assert.deepEqual(nudgeFlags(DEFAULT_RULES, discussion, group(0), T0 + 90_000), ['no-card']);
  assert.deepEqual(nudgeFlags(DEFAULT_RULES, discussion, group(0), T0 + 120_000), ['no-card', 'idle']);
  assert.deepEqual(nudgeFlags(DEFAULT_RULES, discussion, group(1, T0 + 100_000), T0 + 219_999), []);
  assert.deepEqual(nudgeFlags(DEFAULT_RULES, discussion, group(1, T0 + 100_000), T0 + 220_000), ['idle']);
  assert.deepEqual(nudgeFlags(DEFAULT_RULES, { ...discussion, paused: true, pausedAt: T0 + 60_000 }, group(0), T0 + 600_000), []);
  assert.deepEqual(nudgeFlags(DEFAULT_RULES, { ...discussion, kind: 'presentation' }, group(0), T0 + 600_000), []);
  assert.deepEqual(nudgeFlags(DEFAULT_RULES, discussion, { members: [], cards: {} }, T0 + 600_000), []);
});
