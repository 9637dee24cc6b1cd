import { IndexTable, Thumbnail as PolarisThumbnail, useBreakpoints } from '@shopify/polaris';
import type { ReactNode } from 'react';

export interface Column<Row> {
  heading: string;
  /** Hidden heading text for columns whose cells speak for themselves (thumbnails). */
  hidden?: boolean;
  alignment?: 'start' | 'center' | 'end';
  render: (row: Row) => ReactNode;
}

/** Which rows are selected: some ids on this page, or every row matching the current filters. */
export type Selection = { kind: 'ids'; ids: string[] } | { kind: 'all' };

export interface TableProps<Row extends { id: string }> {
  label: string;
  resourceName: { singular: string; plural: string };
  rows: Row[];
  columns: Column<Row>[];
  loading?: boolean;
  empty: ReactNode;
  /** With selection: checkboxes, "select all N" across pages, and bulk actions. */
  selection?: Selection;
  onSelectionChange?: (selection: Selection) => void;
  /** Rows matching across all pages (for "Select all N products"). */
  total?: number;
  bulkActions?: Array<{ content: string; onAction: () => void }>;
  pagination?: {
    hasNext: boolean;
    hasPrevious: boolean;
    onNext: () => void;
    onPrevious: () => void;
    label?: string;
  };
}

/** An index table (Polaris IndexTable) with page-local and all-pages selection. */
export function Table<Row extends { id: string }>(props: TableProps<Row>) {
  const { rows, columns, selection, onSelectionChange, total = rows.length } = props;
  const { smDown } = useBreakpoints();
  const selectable = Boolean(onSelectionChange);
  const selectedIds = selection?.kind === 'ids' ? selection.ids : [];
  const selectedCount = selection?.kind === 'all' ? 'All' : selectedIds.length;
  const plural = props.resourceName.plural;

  const onChange = (type: string, toggle: boolean, which?: string | [number, number]) => {
    if (!onSelectionChange) return;
    if (type === 'all') return onSelectionChange(toggle ? { kind: 'all' } : { kind: 'ids', ids: [] });
    if (type === 'page')
      return onSelectionChange({ kind: 'ids', ids: toggle ? rows.map((row) => row.id) : [] });
    const base = selection?.kind === 'all' ? rows.map((row) => row.id) : selectedIds;
    const affected =
      typeof which === 'string'
        ? [which]
        : Array.isArray(which)
          ? rows.slice(which[0], which[1] + 1).map((row) => row.id)
          : [];
    const next = toggle ? [...new Set([...base, ...affected])] : base.filter((id) => !affected.includes(id));
    onSelectionChange({ kind: 'ids', ids: next });
  };

  return (
    <div aria-label={props.label} role="region">
      <IndexTable
        condensed={smDown}
        resourceName={props.resourceName}
        itemCount={rows.length}
        selectable={selectable}
        selectedItemsCount={selectedCount}
        onSelectionChange={onChange}
        hasMoreItems={selectable && total > rows.length}
        paginatedSelectAllActionText={`Select all ${total} ${plural}`}
        paginatedSelectAllText={`All ${total} ${plural} are selected`}
        loading={props.loading}
        emptyState={props.empty}
        promotedBulkActions={props.bulkActions}
        headings={
          columns.map((column) => ({
            title: column.heading,
            hidden: column.hidden,
            alignment: column.alignment,
          })) as unknown as [{ title: string }, ...Array<{ title: string }>]
        }
        pagination={props.pagination}
      >
        {rows.map((row, index) => (
          <IndexTable.Row
            id={row.id}
            key={row.id}
            position={index}
            selected={selection?.kind === 'all' || selectedIds.includes(row.id)}
          >
            {columns.map((column) => (
              <IndexTable.Cell key={column.heading}>{column.render(row)}</IndexTable.Cell>
            ))}
          </IndexTable.Row>
        ))}
      </IndexTable>
    </div>
  );
}

export function Thumbnail({
  url,
  alt,
  size = 'small',
}: {
  url: string | null;
  alt: string;
  size?: 'small' | 'medium' | 'large';
}) {
  return <PolarisThumbnail source={url ?? placeholder} alt={alt} size={size} />;
}

// A plain grey square for products without an image (inline: no request, nothing to load).
const placeholder =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 40 40'%3E%3Crect width='40' height='40' fill='%23e3e3e3'/%3E%3C/svg%3E";

/** A plain accessible data table (caption + header row), for figures. */
export function FigureTable({
  caption,
  headings,
  rows,
}: {
  caption: string;
  headings: string[];
  rows: Array<{ key: string; cells: ReactNode[] }>;
}) {
  return (
    <div className="px-figure-table">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {headings.map((heading, index) => (
              <th key={heading} scope="col" className={index > 1 ? 'px-num' : undefined}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, index) => (
                <td key={index} className={index > 1 ? 'px-num' : undefined}>
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
