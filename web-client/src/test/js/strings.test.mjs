// Korean first, English second: every key in one table is in the other, and every key the pages
// name literally with t('...') exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { STRINGS } from '../../main/resources/webroot/js/lib/strings.js';

const root = fileURLToPath(new URL('../../main/resources/webroot/js/', import.meta.url));

test('the Korean and English tables have the same keys', () => {
  assert.deepStrictEqual(Object.keys(STRINGS.en).sort(), Object.keys(STRINGS.ko).sort());
});

test("every literal t('key') in the client's scripts has a string", () => {
  const files = [...readdirSync(root).map((f) => root + f), ...readdirSync(root + 'lib').map((f) => root + 'lib/' + f)]
    .filter((f) => f.endsWith('.js'));
  const missing = [];
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9_.-]+)'/g)) {
      if (!(m[1] in STRINGS.ko)) missing.push(`${file.slice(root.length)}: ${m[1]}`);
    }
  }
  assert.deepStrictEqual(missing, []);
});
