import type { TableColumn } from '../../components/virtual-table.js';
import { yesNo } from './format.js';

/** A Yes/No column of a flag, sorting No before Yes. */
export function yesNoColumn<Row>(id: string, header: string, width: number, pick: (row: Row) => boolean): TableColumn<Row> {
  return { id, header, width, cell: (row) => yesNo(pick(row)), sortValue: (row) => yesNo(pick(row)) };
}
