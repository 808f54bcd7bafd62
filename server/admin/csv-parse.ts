/**
 * A small RFC 4180 CSV reader: comma separated, fields optionally in double quotes (a quote inside
 * doubled), CRLF or LF line ends, a byte-order mark ignored. Returns rows of fields with the line
 * each row started on (for error reports).
 */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const input = text.replace(/^\uFEFF/, "");
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let sawAny = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      sawAny = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
      sawAny = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && input[i + 1] === "\n") i++;
      fields.push(field);
      if (sawAny || fields.some((f) => f !== "")) rows.push({ line: rowLine, fields });
      fields = [];
      field = "";
      sawAny = false;
      line++;
      rowLine = line;
    } else {
      field += c;
      sawAny = true;
    }
  }
  if (sawAny || field !== "") {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows;
}
