// Folding by agenda item (src/folding.ts), compiled on the fly with esbuild
// so that the test reads the extension's own source.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { transform } from "esbuild";

const source = await readFile(new URL("../src/folding.ts", import.meta.url), "utf8");
const { code } = await transform(source, { loader: "ts", format: "esm" });
const { agendaItemFolds, isAgendaItemHeading } = await import(`data:text/javascript,${encodeURIComponent(code)}`);
const fixture = await readFile(new URL("../../../tests/fixtures/editors/committee.minutes", import.meta.url), "utf8");

test("each agenda item folds from its heading to its last line", () => {
  const lines = fixture.split("\n");
  // 0-based: the four items start on lines 7, 12, 15 and 25.
  assert.deepEqual(agendaItemFolds(lines), [
    { start: 7, end: 10 },
    { start: 12, end: 13 },
    { start: 15, end: 23 },
    { start: 25, end: 26 },
  ]);
});

test("headings in every form, and resolutions that are not headings", () => {
  for (const heading of ["1. Apologies", "## 3. Minutes", "6\\. Matters Arising", "276.", "118.2 Budget", "CELS/12 Budget", "Agenda item"]) {
    assert.ok(isAgendaItemHeading(heading), heading);
  }
  for (const line of ["1.    That the Committee noted the plan.", "119.1  RESOLVED: The minutes were approved.", "RESOLVED:", "Apologies were received."]) {
    assert.ok(!isAgendaItemHeading(line), line);
  }
});
