// What a CLI command may touch of the outside world; tests pass their own to capture output.
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
  /** Size in bytes, to refuse oversize files before reading them. */
  fileSize(path: string): number;
  /** A file's bytes in chunks as they are read, for files too large to hold as one string (CSV data). */
  readChunks(path: string): AsyncIterable<Uint8Array>;
  /** Writes a text file (--export-pytorch). */
  writeFile(path: string, text: string): void;
  cwd: string;
}
