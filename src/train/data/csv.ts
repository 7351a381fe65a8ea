// CSV data for training from one string (the panel's worker holds the file's text): a header row, then
// numeric rows. The reading is csvReader.ts's, in one chunk; every error names its line and column (1-based,
// as editors count) so the CLI can print `file.csv:3:7: ...` and the panel can point at it.
import { failure, type Result } from '../../common/result';
import type { Dataset } from '../types';
import { readCsvChunks } from './csvReader';
import type { CsvError } from './csvLines';

export type { CsvError } from './csvLines';

/** The panel's limit on a file's text (the CLI streams files of any size through csvReader.ts). */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

/** Parses CSV text into a float64 data set whose target is the column named `target`; every other column is a feature. */
export function parseCsv(text: string, target: string): Result<Dataset, CsvError> {
  if (text.length > MAX_CSV_BYTES)
    return failure({
      message: `the file is larger than the ${MAX_CSV_BYTES / 1024 / 1024} MB limit`,
      line: 1,
      column: 1,
    });
  return readCsvChunks([text], { target, dtype: 'float64' });
}
