// The replay model folds with the live fold (group-state.js): seeking to any event of a recorded
// log, forwards or backwards, gives exactly the board GroupRoom recorded there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Replay, emptyGroup, remainingAt, SNAPSHOT_EVERY } from '../../main/resources/webroot/js/lib/replay.js';

const dir = fileURLToPath(new URL('../fixtures/group-logs/', import.meta.url));
const strip = (v) => JSON.parse(JSON.stringify(v, (k, x) => (k === 'remainingMs' ? undefined : x)));

test('a replay starts from the same empty group the server shows', () => {
  const fx = JSON.parse(readFileSync(dir + 'exercise-g1.json', 'utf8'));
  assert.deepStrictEqual(strip(emptyGroup(fx.groupId, fx.name, fx.prompts)), strip(fx.initial));
});

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  test(`seeking in ${file} (out of order) gives the recorded board at every checkpoint`, () => {
    const fx = JSON.parse(readFileSync(dir + file, 'utf8'));
    const replay = new Replay(emptyGroup(fx.groupId, fx.name, fx.prompts), fx.log);
    for (const cp of [...fx.checkpoints].reverse()) {
      // The last event with this seq's time: events sharing a time are shown together.
      const at = fx.log[cp.seq - 1].at;
      assert.deepStrictEqual(strip(replay.stateAfter(cp.seq)), strip(cp.group), `${file} after ${cp.seq}`);
      assert.ok(replay.at(at).n >= cp.seq);
    }
    assert.deepStrictEqual(strip(replay.at(replay.end).group), strip(fx.expected));
    assert.equal(replay.at(replay.start - 1).n, 0);
  });
}

test('a 2,000-event log keeps a snapshot every SNAPSHOT_EVERY events, so a seek folds fewer than that many', () => {
  const fx = JSON.parse(readFileSync(dir + 'exercise-g1.json', 'utf8'));
  const log = [];
  let at = 1_700_000_000_000;
  for (let i = 0; log.length < 2000; i++) {
    const id = `c${i}`;
    log.push({ groupId: 'g1', seq: log.length + 1, at: at += 500, event: { type: 'card.added', card: { cardId: id, prompt: 'p1', text: `t${i}`, label: null, authorId: 's', authorName: 'S', version: 1, late: false, createdAt: at, updatedAt: at } } });
    log.push({ groupId: 'g1', seq: log.length + 1, at: at += 500, event: { type: 'card.edited', cardId: id, text: `t${i}!`, label: null, version: 2, editorId: 's', late: false } });
    if (i % 3 === 2) log.push({ groupId: 'g1', seq: log.length + 1, at: at += 500, event: { type: 'card.deleted', cardId: id, late: false } });
  }
  log.length = 2000;
  const replay = new Replay(emptyGroup('g1', fx.name, fx.prompts), log);
  assert.equal(replay.snapshots.length, Math.floor(2000 / SNAPSHOT_EVERY) + 1);
  const mid = replay.at(log[999].at);
  assert.equal(mid.n, 1000);
  assert.equal(mid.group.seq, 1000);
});

test('the replayed clock counts down from endsAt, and stands still while paused', () => {
  assert.equal(remainingAt({ endsAt: 10_000, paused: false }, 4_000), 6_000);
  assert.equal(remainingAt({ endsAt: 10_000, paused: true, pausedAt: 2_000 }, 9_000), 8_000);
  assert.equal(remainingAt({ endsAt: 0 }, 9_000), null);
});
