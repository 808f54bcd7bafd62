import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv";

/** The text of a cell as a spreadsheet reads it (quotes taken off). */
const unquote = (cell: string) => cell.slice(1, -1).replace(/""/g, '"');

describe("CSV export", () => {
  it("no cell starts with =, +, - or @ (or a tab or carriage return)", () => {
    for (const hostile of ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"]) {
      const cell = unquote(csvCell(hostile));
      expect(cell, hostile).not.toMatch(/^[=+\-@\t\r]/);
      expect(cell).toBe(`'${hostile}`);
    }
  });

  it("quotes every cell and doubles quotes; ordinary text is unchanged", () => {
    expect(csvRow(["a", 'say "hi"', null, 5, "line\nbreak"])).toBe('"a","say ""hi""","","5","line\nbreak"');
    expect(unquote(csvCell("helpdesk.unlocked"))).toBe("helpdesk.unlocked");
  });
});
