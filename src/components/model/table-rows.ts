/**
 * Updates a table body in place: rows and cells are reused and only text that changed is written,
 * so re-rendering the 177-row ResNet-50 summary on every keystroke stays cheap.
 */
export interface CellSpec {
  text: string;
  /** Header cell (`<th scope="row">`). */
  header?: boolean;
  code?: boolean;
  num?: boolean;
}

export interface RowSpec {
  cells: CellSpec[];
  id?: string;
  dataset?: Record<string, string>;
}

function makeCell(spec: CellSpec): HTMLTableCellElement {
  const cell = document.createElement(spec.header ? 'th' : 'td');
  if (spec.header) cell.scope = 'row';
  if (spec.num) cell.className = 'num';
  if (spec.code) cell.append(document.createElement('code'));
  return cell;
}

export function syncRows(body: HTMLTableSectionElement | HTMLTableRowElement, rows: readonly RowSpec[]): void {
  const rowElements = body instanceof HTMLTableRowElement ? [body] : [...body.rows];
  rows.forEach((spec, i) => {
    let row = rowElements[i];
    if (!row) {
      row = document.createElement('tr');
      body.append(row);
    }
    if (spec.id !== undefined && row.id !== spec.id) row.id = spec.id;
    for (const [key, value] of Object.entries(spec.dataset ?? {})) if (row.dataset[key] !== value) row.dataset[key] = value;
    spec.cells.forEach((cellSpec, j) => {
      let cell = row.cells[j];
      const wanted = cellSpec.header ? 'TH' : 'TD';
      if (!cell || cell.tagName !== wanted || (cellSpec.code ?? false) !== (cell.firstElementChild?.tagName === 'CODE')) {
        const fresh = makeCell(cellSpec);
        if (cell) cell.replaceWith(fresh);
        else row.append(fresh);
        cell = fresh;
      }
      const target = cellSpec.code ? (cell.firstElementChild as HTMLElement) : cell;
      if (target.textContent !== cellSpec.text) target.textContent = cellSpec.text;
    });
    while (row.cells.length > spec.cells.length) row.deleteCell(-1);
  });
  if (!(body instanceof HTMLTableRowElement)) while (body.rows.length > rows.length) body.deleteRow(-1);
}
