// The columns of a data file's text as both ends of the trainer read them: the page lists them in the
// target menu, the worker builds the data set, and both take the same target when the user chose none
// (DataSource's `target: ''`). It imports nothing, so the page gets it without the training core.

/** The target column when the user has not chosen one: 'y' if there is one, else the last column. */
export function defaultTarget(columns: readonly string[]): string {
  return columns.find((c) => c.toLowerCase() === 'y') ?? columns[columns.length - 1] ?? 'y';
}

/** The column names of a CSV's header row (the first line that is not blank or a # comment). */
export function csvColumns(text: string): string[] {
  const header = text.split(/\r?\n/, 50).find((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  return header ? header.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1')) : [];
}
