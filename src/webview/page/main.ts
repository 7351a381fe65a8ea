// The trainer panel's page entry: lay out the panel, start the worker, hand both to the page.
import { element } from './controls';
import { PANEL_MARKUP } from './layout';
import { startWorker } from './startWorker';
import { TrainerPage } from './trainerPage';
import { vscodeApi } from './vscodeApi';
import { errorMessage } from '../../common/result';

async function main(): Promise<void> {
  const api = vscodeApi();
  const root = document.createElement('div');
  root.className = 'trainer';
  root.innerHTML = PANEL_MARKUP; // static markup: no data is ever interpolated into it
  document.body.append(root);
  try {
    const worker = await startWorker(document.body.dataset.workerUri ?? '');
    new TrainerPage(api, worker).start();
  } catch (e) {
    element('status').textContent = 'failed to start';
    const banner = element('banner');
    banner.hidden = false;
    element('banner-text').textContent = errorMessage(e);
  }
}

void main();
