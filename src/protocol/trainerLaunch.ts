// What opens the trainer: the palette (no fields), or the hover's "Train with this loss" / the
// "Train with Selected Loss" command (a loss expression and, when the file binds them, its data).
export interface TrainerLaunch {
  /** The loss as the user wrote it, e.g. '((y_pred-y)**2).mean()'. */
  lossExpr?: string;
  /** The model, e.g. 'w*x' (inlined from `def forward(x): return w * x`). */
  modelExpr?: string;
  /** The file's data when it binds x and y to literal arrays. */
  data?: { x: number[][]; y: number[] };
  /** Where it came from, for the panel's title line: 'tutorial_numpy.py:19'. */
  source?: string;
}
