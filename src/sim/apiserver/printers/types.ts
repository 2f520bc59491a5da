/** A server-side table, as meta.k8s.io/v1 Table: the columns kubectl get prints. */
export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description: string;
  /** 0: always shown; 1: only with -o wide. */
  priority: number;
}

export interface TableRow {
  cells: (string | number | boolean)[];
  /** namespace/name of the object the row shows. */
  key: string;
}

export interface Printer {
  columns: TableColumn[];
  row(obj: Record<string, unknown>, now: number): (string | number | boolean)[];
}
