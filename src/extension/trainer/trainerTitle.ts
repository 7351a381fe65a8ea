// The trainer tab's title: which loss it trains, so a panel opened from a hover says what it is about.

export const DEFAULT_TRAINER_TITLE = 'Train Linear Model';
/** Longer expressions are cut (with an ellipsis) so the tab stays a tab. */
const MAX_LOSS_CHARS = 40;

export function trainerTitle(lossExpr: string | null): string {
  const loss = lossExpr?.replace(/\s+/g, ' ').trim();
  if (!loss) return DEFAULT_TRAINER_TITLE;
  return `Train: ${loss.length > MAX_LOSS_CHARS ? `${loss.slice(0, MAX_LOSS_CHARS - 1)}…` : loss}`;
}
