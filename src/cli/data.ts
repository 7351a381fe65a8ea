// The data a `train` request names, loaded through CliIo: the tutorial, inline arrays, or a CSV file.
import { datasetFromRows, MAX_CSV_BYTES, parseCsv, tutorialDataset, type Dataset } from '../train';
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

function readCsv(path: string, target: string, io: CliIo): Dataset {
  let text: string;
  try {
    const size = io.fileSize(path);
    if (size > MAX_CSV_BYTES) {
      throw new UsageError(
        `${path}: the file is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_CSV_BYTES / 1024 / 1024} MB limit`,
      );
    }
    text = io.readFile(path);
  } catch (e) {
    throw e instanceof UsageError ? e : fileProblem(path, e);
  }
  const result = parseCsv(text, target);
  if (!result.ok) throw new UsageError(`${path}:${result.error.line}:${result.error.column}: ${result.error.message}`);
  return result.value;
}

export function loadData(source: DataSource, io: CliIo): Dataset {
  switch (source.kind) {
    case 'tutorial':
      return tutorialDataset();
    case 'inline':
      return datasetFromRows(source.rows, source.y);
    case 'csv':
      return readCsv(source.path, source.target, io);
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
