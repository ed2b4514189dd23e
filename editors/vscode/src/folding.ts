// Folding by agenda item: each item folds from its heading to the line before
// the next item's heading. A language configuration's folding markers cannot
// say this (a start marker there opens a nested region rather than closing
// the previous one), so the extension provides the ranges itself.

/** A minute number and title on one line, Markdown heading marks and escapes
 * allowed: "1. Apologies", "## 3. Minutes", "6\. Matters Arising",
 * "118.2 Budget", "CELS/12 Budget", or a number alone on its line: "276.". */
const NUMBERED_HEADING =
  /^\s{0,3}(?:#{1,6}\s+)?(?:(?:[A-Z]+\/)?\d+(?:\.\d+)*\\?\.(?:\s+\S.*)?|(?:[A-Z]+\/\d+(?:\.\d+)*|\d+(?:\.\d+)+)\s+\S.*)$/;
/** A ModernGov item page's heading, with the title on a later line. */
const AGENDA_ITEM_PAGE = /^\s*Agenda item\s*$/;
/** Resolution and list numbers look like "1.  That ..." too: an item heading
 * is at most this long, and a resolution starts "That". */
const MAX_HEADING_LENGTH = 120;

export interface Fold {
  start: number;
  end: number;
}

export function isAgendaItemHeading(line: string): boolean {
  if (AGENDA_ITEM_PAGE.test(line)) {
    return true;
  }
  return (
    line.length <= MAX_HEADING_LENGTH &&
    NUMBERED_HEADING.test(line) &&
    !/^\s*(?:#{1,6}\s+)?\S+\s+(?:That|RESOLVED)\b/.test(line)
  );
}

/** One fold per agenda item, ending at the last non-blank line of the item. */
export function agendaItemFolds(lines: string[]): Fold[] {
  const headings: number[] = [];
  lines.forEach((line, index) => {
    if (isAgendaItemHeading(line)) {
      headings.push(index);
    }
  });
  const folds: Fold[] = [];
  headings.forEach((start, index) => {
    let end = (index + 1 < headings.length ? headings[index + 1] : lines.length) - 1;
    while (end > start && lines[end].trim() === "") {
      end--;
    }
    if (end > start) {
      folds.push({ start, end });
    }
  });
  return folds;
}
