/**
 * RFC 4180 CSV, read byte by byte so every record knows where it starts in the file: an import
 * records the offset of each batch's first row once and later reads only that batch's bytes.
 * Separators are ASCII, so splitting UTF-8 bytes is safe; fields are decoded once complete.
 * Lenient where spreadsheets are sloppy: CRLF or LF line ends, a quote after a closed quoted field
 * is kept, a BOM before the header is dropped.
 */
export type CsvRecord = {
  fields: string[];
  /** The record's position among the file's records (0 = the header), blank lines included. */
  index: number;
  /** Byte offset of the record's first byte, from where parsing began. */
  startByte: number;
};

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export class CsvParser {
  private consumed = 0;
  private parts: Buffer[] = [];
  private fields: string[] = [];
  private inQuotes = false;
  private quotePending = false;
  private fieldQuoted = false;
  private fieldHasBytes = false;
  private recordStart = 0;
  private recordIndex: number;
  private readonly stripBom: boolean;

  /** `firstIndex`: the index of the first record parsed (a batch starts mid-file). */
  constructor(options: { firstIndex?: number; byteOffset?: number } = {}) {
    this.recordIndex = options.firstIndex ?? 0;
    this.consumed = options.byteOffset ?? 0;
    this.recordStart = this.consumed;
    this.stripBom = this.consumed === 0;
  }

  /** The records completed by this chunk (blank lines are counted but not returned). */
  push(chunk: Buffer): CsvRecord[] {
    const records: CsvRecord[] = [];
    let segmentStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (byte === QUOTE) {
            // "" inside quotes is one quote: keep the first, skip the second.
            this.parts.push(chunk.subarray(i, i + 1));
            segmentStart = i + 1;
            continue;
          }
          this.inQuotes = false;
          segmentStart = i;
        } else {
          if (byte === QUOTE) {
            this.parts.push(chunk.subarray(segmentStart, i));
            this.quotePending = true;
            segmentStart = i + 1;
          }
          continue;
        }
      }
      if (byte === QUOTE && !this.fieldHasBytes && segmentStart === i && !this.fieldQuoted) {
        this.inQuotes = true;
        this.fieldQuoted = true;
        this.fieldHasBytes = true;
        segmentStart = i + 1;
        continue;
      }
      if (byte === COMMA) {
        this.parts.push(chunk.subarray(segmentStart, i));
        this.endField();
        segmentStart = i + 1;
        continue;
      }
      if (byte === LF) {
        this.parts.push(chunk.subarray(segmentStart, i));
        this.endField(true);
        const record = this.endRecord(this.consumed + i + 1);
        if (record) records.push(record);
        segmentStart = i + 1;
        continue;
      }
      if (segmentStart === i) this.fieldHasBytes = true;
    }
    if (this.inQuotes && !this.quotePending) this.parts.push(chunk.subarray(segmentStart));
    else if (!this.inQuotes && segmentStart < chunk.length) this.parts.push(chunk.subarray(segmentStart));
    // Parts are views into `chunk`; copy them before the caller reuses its buffer.
    this.parts = this.parts.length ? [Buffer.from(Buffer.concat(this.parts))] : [];
    this.consumed += chunk.length;
    return records;
  }

  /** The last record when the file does not end with a line break. */
  end(): CsvRecord[] {
    if (this.quotePending) this.inQuotes = false;
    if (this.parts.length === 0 && this.fields.length === 0) return [];
    this.endField(true);
    const record = this.endRecord(this.consumed);
    return record ? [record] : [];
  }

  /** Whether the parser is inside a quoted field (a file ending so is cut short). */
  get unterminatedQuote(): boolean {
    return this.inQuotes && !this.quotePending;
  }

  private endField(lastInRecord = false) {
    let value = Buffer.concat(this.parts).toString('utf8');
    // A CRLF line end leaves its CR on the record's last field.
    if (lastInRecord && value.endsWith('\r') && !this.inQuotes) value = value.slice(0, -1);
    if (this.stripBom && this.recordIndex === 0 && this.fields.length === 0 && value.startsWith('\uFEFF')) value = value.slice(1);
    this.fields.push(value);
    this.parts = [];
    this.fieldQuoted = false;
    this.fieldHasBytes = false;
  }

  private endRecord(nextStart: number): CsvRecord | null {
    const fields = this.fields;
    const record: CsvRecord = { fields, index: this.recordIndex, startByte: this.recordStart };
    this.fields = [];
    this.recordIndex += 1;
    this.recordStart = nextStart;
    const blank = fields.length === 1 && fields[0] === '';
    return blank ? null : record;
  }
}

/** Parses a whole buffer (a batch's bytes). */
export function parseCsv(bytes: Buffer, options: { firstIndex?: number; byteOffset?: number } = {}): CsvRecord[] {
  const parser = new CsvParser(options);
  return [...parser.push(bytes), ...parser.end()];
}

/**
 * One CSV line. Cells a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a
 * leading apostrophe (OWASP's CSV-injection advice), since exported names and notes are typed by customers.
 */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
