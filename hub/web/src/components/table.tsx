/**
 * A plain, accessible table: a captioned <table> inside a focusable, labelled region that scrolls sideways on
 * narrow screens (so keyboard users can scroll it too). Used instead of Polaris DataTable, whose scroll
 * container cannot take focus.
 */
export function Table({
  label,
  headings,
  rows,
  numeric = [],
}: {
  label: string;
  headings: string[];
  rows: React.ReactNode[][];
  /** Columns to right-align (numbers). */
  numeric?: boolean[];
}) {
  const align = (index: number) => (numeric[index] ? 'pxp-num' : undefined);
  return (
    <div className="pxp-table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className="pxp-table">
        <caption className="pxp-visually-hidden">{label}</caption>
        <thead>
          <tr>
            {headings.map((heading, index) => (
              <th key={heading} scope="col" className={align(index)}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, index) => (
                <td key={index} className={align(index)}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
