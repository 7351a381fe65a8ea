/** Every misuse of the engine throws this, with a message that names the op and the shapes involved. */
export class AutogradError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AutogradError';
  }
}

/** `[2, 3]` as it reads in messages; a 0-d tensor's shape is `[]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
