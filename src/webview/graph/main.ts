// The computation graph panel's page entry: lay out the panel, validate each message from the extension,
// and say ready. The graph arrives as { type: 'graph' }; the extension's reason for having none as
// { type: 'error' }.
import { validateToGraphPage } from '../../protocol/graphMessages';
import { graphVsCodeApi } from './graphApi';
import { GraphPage } from './graphPage';
import { GRAPH_MARKUP } from './markup';

function main(): void {
  const api = graphVsCodeApi();
  const root = document.createElement('div');
  root.className = 'graph-panel';
  root.innerHTML = GRAPH_MARKUP; // static markup: no data is ever interpolated into it
  document.body.append(root);
  const page = new GraphPage(api);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = validateToGraphPage(event.data);
    if (!message.ok) {
      page.showError(`The extension sent a graph the panel cannot read: ${message.error.message}`);
      return;
    }
    if (message.value.type === 'graph') page.show(message.value.graph);
    else page.showError(message.value.text);
  });
  api.postMessage({ type: 'ready' });
}

main();
