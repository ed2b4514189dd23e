// The TextMate grammar, checked two ways: the scopes a reader's eye relies on
// (item headings, labels, RESOLVED, abbreviations) asserted one by one, and a
// token snapshot of each fixture so that any change to the grammar shows up
// in review. UPDATE_SNAPSHOTS=1 npm test rewrites the snapshots.

import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { snapshot, tokenize } from "./tokenize.mjs";

const fixtures = fileURLToPath(new URL("../../../tests/fixtures/editors/", import.meta.url));
const snapshots = fileURLToPath(new URL("./snapshots/", import.meta.url));

/** The scopes of the token that covers `text` on the line, in a one-line
 * document; fails when no single token is exactly `text`. */
async function scopesOf(line, text) {
  const tokens = await tokenize(line);
  const token = tokens.find((t) => t.text === text);
  assert.ok(token, `no token ${JSON.stringify(text)} in ${JSON.stringify(line)}: ${JSON.stringify(tokens)}`);
  return token.scopes;
}

async function assertScope(line, text, scope) {
  const scopes = await scopesOf(line, text);
  assert.ok(scopes.includes(scope), `${JSON.stringify(text)} in ${JSON.stringify(line)} has ${scopes.join(" ")}, not ${scope}`);
}

async function assertNotScope(line, text, scope) {
  const scopes = await scopesOf(line, text);
  assert.ok(!scopes.includes(scope), `${JSON.stringify(text)} in ${JSON.stringify(line)} should not be ${scope}`);
}

test("agenda item headings in every form clerks write them", async () => {
  await assertScope("1. Apologies for absence", "1.", "constant.numeric.item-number.minutes");
  await assertScope("1. Apologies for absence", "Apologies for absence", "entity.name.section.item.minutes");
  await assertScope("## 3. Minutes of the last meeting", "3.", "constant.numeric.item-number.minutes");
  await assertScope("## 3. Minutes of the last meeting", "##", "punctuation.definition.heading.minutes");
  await assertScope("6\\. Matters Arising", "6\\.", "constant.numeric.item-number.minutes");
  await assertScope("276.", "276.", "constant.numeric.item-number.minutes");
  await assertScope("118.2 Budget", "118.2", "constant.numeric.item-number.minutes");
  await assertScope("CELS/12 Budget monitoring", "CELS/12", "constant.numeric.item-number.minutes");
  await assertScope("APOLOGIES FOR ABSENCE", "APOLOGIES FOR ABSENCE", "markup.heading.item.minutes");
  await assertScope("Agenda item", "Agenda item", "keyword.other.agenda-item.minutes");
});

test("numbered resolutions are not mistaken for agenda items", async () => {
  await assertScope("1.    That the Committee noted the plan.", "1.", "constant.numeric.resolution-number.minutes");
  await assertNotScope("1.    That the Committee noted the plan.", "1.", "constant.numeric.item-number.minutes");
  await assertScope("(a)   That the Clerk writes.", "(a)", "constant.numeric.resolution-number.minutes");
  await assertScope("119.1  RESOLVED: The minutes were approved.", "119.1", "constant.numeric.resolution-number.minutes");
  await assertScope("A:        Welcomes the commitment", "A:", "constant.numeric.resolution-number.minutes");
});

test("RESOLVED and AGREED markers", async () => {
  await assertScope("RESOLVED: That the minutes be agreed.", "RESOLVED", "keyword.control.resolution.minutes");
  await assertScope("It was unanimously RESOLVED:", "RESOLVED", "keyword.control.resolution.minutes");
  await assertScope("It was AGREED that the meeting close.", "AGREED", "keyword.control.resolution.minutes");
  await assertScope("RESOLVED", "RESOLVED", "keyword.control.resolution.minutes");
  await assertNotScope("RESOLVED", "RESOLVED", "markup.heading.item.minutes");
});

test("section labels on a line of their own", async () => {
  for (const label of ["Minutes", "Decision", "Supporting documents", "Additional documents", "Action"]) {
    await assertScope(`${label}:`, label, "keyword.other.section-label.minutes");
  }
  // "Minutes" opening a sentence is prose, not a label.
  const tokens = await tokenize("Minutes of the meeting held on 4 March");
  assert.ok(tokens.every((t) => !t.scopes.includes("keyword.other.section-label.minutes")));
});

test("attendance lines and the initials they define", async () => {
  const line = "In attendance: Margaret Hale (MH), Town Clerk";
  await assertScope(line, "In attendance", "keyword.other.attendance.minutes");
  await assertScope(line, "MH", "entity.name.type.initials.minutes");
  await assertScope("Present: Councillor Ashby (Chair)", "Present", "keyword.other.attendance.minutes");
  await assertScope("Apologies: Councillor Sharma", "Apologies", "keyword.other.attendance.minutes");
});

test("abbreviations in every case shape, and words that are not", async () => {
  const line = "The DfE, MASH, NCC-HD and UASCs; the DfE's letter to Ms McElligott via TfL.";
  for (const abbreviation of ["DfE", "MASH", "NCC-HD", "UASCs", "DfE's", "TfL"]) {
    await assertScope(line, abbreviation, "variable.other.constant.abbreviation.minutes");
  }
  await assertNotScope(line, " letter to Ms McElligott via ", "variable.other.constant.abbreviation.minutes");
  await assertScope("Multi-Agency Safeguarding Hub (MASH)", "MASH", "entity.name.type.abbreviation.minutes");
});

test("straight and curly quotations", async () => {
  for (const quote of ["“", "spring planting", "”"]) {
    await assertScope("the “spring planting” budget", quote, "string.quoted.double.minutes");
  }
  await assertScope("the ‘All About Me’ plans", "All About Me", "string.quoted.single.minutes");
  await assertScope('the "spring" budget', "spring", "string.quoted.double.minutes");
  await assertNotScope("the “spring planting” budget", " budget", "string.quoted.double.minutes");
  // An apostrophe is not a quotation.
  const tokens = await tokenize("the Chair’s letter and Children’s Services");
  assert.ok(tokens.every((t) => !t.scopes.some((s) => s.startsWith("string."))), JSON.stringify(tokens));
});

const fixtureNames = (await readdir(fixtures)).filter((name) => /\.minutes(\.md|\.txt)?$/.test(name)).sort();

test("fixtures exist", () => {
  assert.ok(fixtureNames.length >= 2, `fixtures in ${fixtures}: ${fixtureNames}`);
});

for (const name of fixtureNames) {
  test(`token snapshot of ${name}`, async () => {
    const text = await readFile(fixtures + name, "utf8");
    const actual = snapshot(text, await tokenize(text));
    const file = `${snapshots}${name}.tokens.txt`;
    if (process.env.UPDATE_SNAPSHOTS === "1") {
      await writeFile(file, actual);
      return;
    }
    const expected = await readFile(file, "utf8").catch(() => {
      assert.fail(`no snapshot ${file}: run UPDATE_SNAPSHOTS=1 npm test and review it`);
    });
    assert.equal(actual, expected, `tokens of ${name} changed: review, then UPDATE_SNAPSHOTS=1 npm test`);
  });
}
