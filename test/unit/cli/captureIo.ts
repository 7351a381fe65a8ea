// A CliIo that records what a command writes and serves files from memory.
import type { CliIo } from '../../../src/cli/io';

export interface CapturedIo extends CliIo {
  out: string;
  err: string;
  /** Files the command wrote, by path. */
  written: Record<string, string>;
}

/** Characters per chunk of readChunks. */
const CHUNK = 61;

export function captureIo(files: Record<string, string> = {}, sizes: Record<string, number> = {}): CapturedIo {
  const missing = (path: string): Error =>
    Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  const io: CapturedIo = {
    out: '',
    err: '',
    written: {},
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
    readFile: (path) => {
      if (!(path in files)) throw missing(path);
      return files[path];
    },
    fileSize: (path) => {
      if (!(path in files)) throw missing(path);
      return sizes[path] ?? Buffer.byteLength(files[path]);
    },
    // Small chunks, so every CSV the CLI tests read crosses chunk boundaries inside lines and numbers.
    readChunks: async function* (path) {
      if (!(path in files)) throw missing(path);
      for (let at = 0; at < files[path].length; at += CHUNK) yield files[path].slice(at, at + CHUNK);
    },
    writeFile: (path, text) => {
      io.written[path] = text;
    },
    cwd: '/work',
  };
  return io;
}
