// The data a `train` request names, loaded through CliIo: the tutorial, inline arrays, or a CSV file read as a stream.
import { CsvReader, datasetFromRows, tutorialDataset, type CsvError, type Dataset, type DType } from '../train';
import { UsageError, type DataSource } from './args';
import type { CliIo } from './io';

function fileProblem(path: string, error: unknown): UsageError {
  const code = (error as { code?: string }).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : (error as Error).message;
  return new UsageError(`cannot read ${path}: ${reason}`);
}

/** The file streamed through the CSV reader: any size, the values kept in the run's dtype, errors at FILE:LINE:COLUMN. */
async function readCsv(path: string, target: string, dtype: DType, io: CliIo): Promise<Dataset> {
  const problem = (error: CsvError) => new UsageError(`${path}:${error.line}:${error.column}: ${error.message}`);
  let reader: CsvReader;
  try {
    reader = new CsvReader({ target, dtype, sizeHint: io.fileSize(path) });
    for await (const chunk of io.readChunks(path)) {
      const read = reader.pushBytes(chunk);
      if (!read.ok) throw problem(read.error);
    }
  } catch (e) {
    throw e instanceof UsageError ? e : fileProblem(path, e);
  }
  const result = reader.finish();
  if (!result.ok) throw problem(result.error);
  return result.value;
}

export async function loadData(source: DataSource, dtype: DType, io: CliIo): Promise<Dataset> {
  switch (source.kind) {
    case 'tutorial':
      return tutorialDataset();
    case 'inline':
      return datasetFromRows(source.rows, source.y);
    case 'csv':
      return readCsv(source.path, source.target, dtype, io);
    default: {
      const unknown: never = source;
      throw new Error(`unknown data source ${JSON.stringify(unknown)}`);
    }
  }
}

/** What --json says about the data: where it came from and its shape, not its values. */
export function describeData(source: DataSource, data: Dataset): Record<string, unknown> {
  const origin = source.kind === 'csv' ? { file: source.path } : { source: source.kind };
  return { ...origin, n: data.n, d: data.d, features: data.featureNames ?? [], target: data.targetName ?? 'y' };
}
