// The grid's vocabulary, shared by every list that shows itself as a grid (customers now; leads,
// deals, orders, tickets, approvals as they come): a page describes its columns, the grid draws,
// sorts, filters, selects and edits through them.

export interface Option {
  value: string;
  label: string;
}

/** How a cell is changed in place: typed text, or one of a few choices. */
export type CellEditor = { kind: 'text' } | { kind: 'choice'; options: Option[] };

/** How a column is filtered from its header: a text it contains, or one of its choices. */
export type ColumnFilter = { kind: 'text'; placeholder?: string } | { kind: 'choice'; options: Option[] };

export interface GridColumn<R> {
  key: string;
  label: string;
  /** In pixels, at desktop width. */
  width: number;
  sortable: boolean;
  /** The cell as text. */
  cell(row: R): string;
  /** What an edit starts from (the value itself rather than its display, e.g. an owner's id). */
  editValue?(row: R): string;
  editor?: CellEditor;
  /** Whether this row's cell may be edited: the server's field rules for the record. */
  editableIn?(row: R): boolean;
  filter?: ColumnFilter;
}

export interface SortState {
  key: string;
  descending: boolean;
}

/** A row of the grid: anything with an id. */
export interface GridRow {
  id: number;
}
