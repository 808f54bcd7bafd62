import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv-parse";

describe("CSV reader", () => {
  it("reads quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM", () => {
    expect(parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""",\n"multi\nline",2,3\n')).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["x, y", 'say "hi"', ""] },
      { line: 3, fields: ["multi\nline", "2", "3"] },
    ]);
  });

  it("skips blank lines but keeps their numbering; a last line without a line end counts", () => {
    expect(parseCsv("a,b\n\nc,d")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 3, fields: ["c", "d"] },
    ]);
  });
});
