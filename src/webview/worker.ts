// The trainer's Web Worker entry: validates what the page sends and hands it to the driver.
import { validateToWorker, type FromWorker } from '../protocol/workerMessages';
import { TrainerDriver } from './trainerDriver';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const driver = new TrainerDriver(
  { post: (message: FromWorker, transfer: Transferable[]) => scope.postMessage(message, transfer) },
  { now: () => performance.now(), later: (fn, ms) => setTimeout(fn, ms), cancel: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
);

scope.onmessage = (event: MessageEvent<unknown>) => {
  const checked = validateToWorker(event.data);
  if (!checked.ok) {
    scope.postMessage({ type: 'error', message: `the worker ignored a malformed message (${checked.error})` } satisfies FromWorker);
    return;
  }
  try {
    driver.handle(checked.value);
  } catch (e) {
    scope.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies FromWorker);
  }
};
