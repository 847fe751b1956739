// The JavaScript half of the fold equivalence (FoldFixturesTest.java is the Java half): the
// client's fold of each recorded group log gives exactly the board GroupRoom recorded, at every
// checkpoint and at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyEvent } from '../../main/resources/webroot/js/lib/group-state.js';

const dir = fileURLToPath(new URL('../fixtures/group-logs/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** remainingMs is computed when a clock is sent, not folded: left out on both sides. */
function comparable(value) {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'remainingMs') out[k] = comparable(v);
    return out;
  }
  return value;
}

test('there are recorded logs to check', () => {
  assert.ok(files.length >= 2, `fixtures in ${dir}`);
});

for (const file of files) {
  test(`the JavaScript fold of ${file} gives the recorded board at every checkpoint and at the end`, () => {
    const fx = JSON.parse(readFileSync(dir + file, 'utf8'));
    const group = structuredClone(fx.initial);
    const checkpoints = new Map(fx.checkpoints.map((c) => [c.seq, c.group]));
    let checked = 0;
    for (const message of fx.log) {
      applyEvent(group, message);
      if (checkpoints.has(message.seq)) {
        assert.deepStrictEqual(comparable(group), comparable(checkpoints.get(message.seq)), `${file} at seq ${message.seq}`);
        checked++;
      }
    }
    assert.equal(checked, fx.checkpoints.length);
    assert.deepStrictEqual(comparable(group), comparable(fx.expected), `${file} at the end`);
  });
}
