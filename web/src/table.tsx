/**
 * A table whose rows select one item (radio column, click, Enter on the focused row), as the
 * templates page and the report-check page use it: the `rowSelection` and `onRow` props of antd's Table,
 * and its 操作 column.
 */
import { Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { Key } from 'react';

export function selectableRows<T, K extends Key>(
  selected: K | null,
  select: (key: K) => void,
  keyOf: (row: T) => K,
  isKey: (k: Key | undefined) => k is K,
) {
  return {
    rowSelection: {
      type: 'radio' as const,
      columnWidth: 40,
      selectedRowKeys: selected === null ? [] : [selected],
      onChange: (keys: Key[]) => {
        const k = keys[0];
        if (isKey(k)) select(k);
      },
    },
    onRow: (row: T) => ({
      onClick: () => select(keyOf(row)),
      onKeyDown: (e: React.KeyboardEvent) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) select(keyOf(row));
      },
      tabIndex: 0,
      style: { cursor: 'pointer' },
      'aria-selected': keyOf(row) === selected,
    }),
  };
}

export const isNumberKey = (k: Key | undefined): k is number => typeof k === 'number';
export const isStringKey = (k: Key | undefined): k is string => typeof k === 'string';

/**
 * The 操作 column of such a table: a link per row, named `label(row)` for screen readers, whose click
 * does `act(row)` and does not reach the row (so it does not select it as well).
 */
export function actionColumn<T>(
  text: string,
  label: (row: T) => string,
  act: (row: T) => void,
): ColumnType<T> {
  return {
    title: '操作',
    width: 70,
    render: (_v: unknown, row: T) => (
      <Typography.Link
        onClick={(e) => {
          e.stopPropagation();
          act(row);
        }}
        aria-label={label(row)}
      >
        {text}
      </Typography.Link>
    ),
  };
}
