// The panel's banner: why training stopped, a data error, a notice from the extension; with at most
// one action (such as "Reset with lr = 0.06"). role="alert" in the markup makes screen readers say it.
import { element } from '../controls';

export class Banner {
  private action: (() => void) | null = null;

  constructor() {
    element('banner-action').addEventListener('click', () => this.action?.());
  }

  show(level: 'info' | 'error', text: string, action?: { label: string; run: () => void }): void {
    const banner = element('banner');
    banner.hidden = false;
    banner.dataset.level = level;
    element('banner-text').textContent = text;
    const button = element<HTMLButtonElement>('banner-action');
    button.hidden = !action;
    button.textContent = action?.label ?? '';
    this.action = action?.run ?? null;
  }

  hide(): void {
    element('banner').hidden = true;
    this.action = null;
  }
}
