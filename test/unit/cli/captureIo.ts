// A CliIo that records what a command writes and serves files from memory.
import type { CliIo } from '../../../src/cli/io';

export interface CapturedIo extends CliIo {
  out: string;
  err: string;
  /** Files the command wrote, by path. */
  written: Record<string, string>;
}

/** Bytes per chunk of readChunks. */
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
    // Small chunks of the UTF-8 bytes, so every CSV the CLI tests read crosses chunk boundaries inside lines,
    // numbers and characters.
    readChunks: async function* (path) {
      if (!(path in files)) throw missing(path);
      const bytes = Buffer.from(files[path], 'utf8');
      for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
    },
    writeFile: (path, text) => {
      io.written[path] = text;
    },
    cwd: '/work',
  };
  return io;
}
