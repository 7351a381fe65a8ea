// Grad mode: while it is off, ops record no graph (PyTorch's torch.no_grad()).
let gradEnabled = true;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `fn` without recording a graph, e.g. for parameter updates; restores the previous mode even on throw. */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}
