import { Input, Text, View } from '@tarojs/components';
import { type ReactNode, useRef, useState } from 'react';
import { ColumnFilterCell } from './filter-cell';
import type { GridColumn, GridRow, SortState } from './types';
import { typedElsewhere, useKeys } from './use-keys';
import './grid.css';

// An Excel-like grid: a header that sorts (click) and filters (the row under it), a checkbox
// column (Shift-click selects a range), cells that are edited in place (double-click or Enter;
// Enter saves, Esc cancels) and moved between with the arrow keys. The page owns the data: it
// fetches, saves and says no; the grid draws and reports what the person did.

interface Props<R extends GridRow> {
  columns: GridColumn<R>[];
  rows: R[];
  sort: SortState;
  onSort(key: string): void;
  filters: Record<string, string | undefined>;
  onFilter(key: string, value: string | undefined): void;
  selected: ReadonlySet<number>;
  onSelect(selected: Set<number>): void;
  /** Saves an edit; resolves false when it was refused (the page has said why). */
  onEdit(row: R, column: GridColumn<R>, value: string): Promise<boolean>;
  /** Under the rows: more to load, or the empty state. */
  footer?: ReactNode;
  /** Opens a row's own page (a customer's 360° view), from the ↗ beside its check box. */
  onOpen?(row: R): void;
  /** What the ↗ says to a pointer and a screen reader, e.g. 打开客户. */
  openLabel?: string;
}

interface Cell {
  row: number;
  col: number;
}

const doubleClickMs = 400;

export function DataGrid<R extends GridRow>(props: Props<R>) {
  const { columns, rows, sort, selected } = props;
  const [active, setActive] = useState<Cell | null>(null);
  const [editing, setEditing] = useState<(Cell & { value: string }) | null>(null);
  const [saving, setSaving] = useState(false);
  const lastClick = useRef<{ key: string; at: number } | null>(null);
  const anchor = useRef<number | null>(null);

  const editable = (cell: Cell) => {
    const column = columns[cell.col];
    const row = rows[cell.row];
    return Boolean(column?.editor && row && (column.editableIn?.(row) ?? true));
  };
  const startEdit = (cell: Cell) => {
    const column = columns[cell.col];
    const row = rows[cell.row];
    if (!column || !row || !editable(cell)) return;
    setEditing({ ...cell, value: column.editValue?.(row) ?? column.cell(row) });
  };
  const commit = async (value: string) => {
    if (!editing || saving) return;
    const column = columns[editing.col];
    const row = rows[editing.row];
    if (!column || !row) return;
    setSaving(true);
    try {
      await props.onEdit(row, column, value);
    } finally {
      setSaving(false);
      setEditing(null);
    }
  };

  const shift = useKeys((e) => {
    if (editing) {
      if (e.key === 'Escape') setEditing(null);
      else if (e.key === 'Enter' && columns[editing.col]?.editor?.kind === 'text') void commit(editing.value);
      return;
    }
    if (!active || typedElsewhere(e)) return;
    const moves: Record<string, Cell> = {
      ArrowUp: { row: Math.max(0, active.row - 1), col: active.col },
      ArrowDown: { row: Math.min(rows.length - 1, active.row + 1), col: active.col },
      ArrowLeft: { row: active.row, col: Math.max(0, active.col - 1) },
      ArrowRight: { row: active.row, col: Math.min(columns.length - 1, active.col + 1) },
    };
    const next = moves[e.key];
    if (next) {
      e.preventDefault();
      setActive(next);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      startEdit(active);
    } else if (e.key === 'Escape') setActive(null);
  });

  const clickCell = (cell: Cell) => {
    const key = `${rows[cell.row]?.id}:${columns[cell.col]?.key}`;
    const now = Date.now();
    const again = lastClick.current?.key === key && now - lastClick.current.at < doubleClickMs;
    lastClick.current = { key, at: now };
    setActive(cell);
    if (again) startEdit(cell);
  };

  const toggle = (index: number) => {
    const id = rows[index]?.id;
    if (id === undefined) return;
    const next = new Set(selected);
    if (shift.current && anchor.current !== null) {
      const [from, to] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      for (const row of rows.slice(from, to + 1)) next.add(row.id);
    } else if (next.has(id)) next.delete(id);
    else next.add(id);
    anchor.current = index;
    props.onSelect(next);
  };
  const allOn = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <View className="k-grid">
      <View className="k-grid__table">
        <View className="k-grid__head">
          <View className="k-grid__row">
            <View
              className="k-grid__check"
              onClick={() => props.onSelect(new Set(allOn ? [] : rows.map((r) => r.id)))}
            >
              <Text className={`k-grid__box${allOn ? ' k-grid__box--on' : ''}`} />
            </View>
            {props.onOpen ? <View className="k-grid__open" /> : null}
            {columns.map((c) => (
              <View
                key={c.key}
                className={`k-grid__th${c.sortable ? ' k-grid__th--sortable' : ''}`}
                style={{ width: `${c.width}px` }}
                onClick={() => c.sortable && props.onSort(c.key)}
              >
                <Text className="k-grid__label">{c.label}</Text>
                {sort.key === c.key ? (
                  <Text className="k-grid__sort">{sort.descending ? '↓' : '↑'}</Text>
                ) : null}
              </View>
            ))}
          </View>
          <View className="k-grid__row k-grid__row--filters">
            <View className="k-grid__check" />
            {props.onOpen ? <View className="k-grid__open" /> : null}
            {columns.map((c) => (
              <View key={c.key} className="k-grid__filter" style={{ width: `${c.width}px` }}>
                {c.filter ? (
                  <ColumnFilterCell
                    filter={c.filter}
                    value={props.filters[c.key]}
                    onChange={(value) => props.onFilter(c.key, value)}
                  />
                ) : null}
              </View>
            ))}
          </View>
        </View>
        {rows.map((row, r) => (
          <View key={row.id} className={`k-grid__row${selected.has(row.id) ? ' k-grid__row--selected' : ''}`}>
            <View className="k-grid__check" onClick={() => toggle(r)}>
              <Text className={`k-grid__box${selected.has(row.id) ? ' k-grid__box--on' : ''}`} />
            </View>
            {props.onOpen ? (
              <View className="k-grid__open" onClick={() => props.onOpen?.(row)}>
                <Text className="k-grid__open-mark" aria-label={props.openLabel}>
                  ↗
                </Text>
              </View>
            ) : null}
            {columns.map((c, col) => {
              const here = { row: r, col };
              const isActive = active?.row === r && active.col === col;
              const isEditing = editing?.row === r && editing.col === col;
              return (
                <View
                  key={c.key}
                  className={`k-grid__td${isActive ? ' k-grid__td--active' : ''}${c.editor && (c.editableIn?.(row) ?? true) ? '' : ' k-grid__td--locked'}`}
                  style={{ width: `${c.width}px` }}
                  data-column={c.key}
                  onClick={() => !isEditing && clickCell(here)}
                >
                  {isEditing && editing ? (
                    <CellEditorView
                      column={c}
                      value={editing.value}
                      onChange={(value) => setEditing({ ...editing, value })}
                      onPick={(value) => void commit(value)}
                    />
                  ) : (
                    <Text className="k-grid__text">{c.cell(row)}</Text>
                  )}
                </View>
              );
            })}
          </View>
        ))}
      </View>
      {props.footer}
    </View>
  );
}

function CellEditorView<R>({
  column,
  value,
  onChange,
  onPick,
}: {
  column: GridColumn<R>;
  value: string;
  onChange(value: string): void;
  onPick(value: string): void;
}) {
  if (column.editor?.kind === 'choice')
    return (
      <View className="k-grid__editor k-grid__menu">
        {column.editor.options.map((o) => (
          <Text
            key={o.value}
            className={`k-grid__option${o.value === value ? ' k-grid__option--on' : ''}`}
            onClick={(e) => {
              e.stopPropagation();
              onPick(o.value);
            }}
          >
            {o.label}
          </Text>
        ))}
      </View>
    );
  return (
    <View className="k-grid__editor">
      <Input className="k-grid__input" value={value} focus onInput={(e) => onChange(e.detail.value)} />
    </View>
  );
}
