// The real outside world for the CLI: process streams and the file system, relative to the working directory.
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from './io';

export function nodeIo(): CliIo {
  const cwd = process.cwd();
  return {
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    readFile: (path) => readFileSync(resolve(cwd, path), 'utf8'),
    fileSize: (path) => statSync(resolve(cwd, path)).size,
    // 1 MB chunks of bytes: the CSV reader decodes only the lines it reads as text
    readChunks: (path) => createReadStream(resolve(cwd, path), { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>,
    writeFile: (path, text) => writeFileSync(resolve(cwd, path), text, 'utf8'),
    cwd,
  };
}
