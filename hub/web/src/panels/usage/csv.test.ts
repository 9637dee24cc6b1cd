import { describe, expect, it } from '@jest/globals';
import { csvCell, toCsv } from './csv.js';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('defuses cells a spreadsheet would run as formulas, but keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-12.5')).toBe('-12.5');
  });

  it('writes a header row and one line per row, CRLF-terminated', () => {
    const csv = toCsv<{ a: number; b: string }>(
      [
        { header: 'a', value: (row) => row.a },
        { header: 'b', value: (row) => row.b },
      ],
      [
        { a: 1, b: 'x' },
        { a: 2, b: 'y,z' },
      ],
    );
    expect(csv).toBe('a,b\r\n1,x\r\n2,"y,z"\r\n');
  });
});
