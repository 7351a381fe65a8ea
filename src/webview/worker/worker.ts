// The trainer's Web Worker entry: validates what the page sends and hands it to the driver.
import { validateToWorker, type FromWorker } from '../../protocol/workerMessages';
import { TrainerDriver } from './trainerDriver';
import { errorMessage } from '../../common/result';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// Yielding between slices with setTimeout(0) costs ~4 ms each time once nested (timer clamping);
// a MessageChannel message yields to the worker's event loop (and its incoming messages) at once.
interface Immediate {
  run: () => void;
  cancelled: boolean;
}
const immediates: Immediate[] = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => {
  const next = immediates.shift();
  if (next && !next.cancelled) next.run();
};

const driver = new TrainerDriver(
  { post: (message: FromWorker, transfer: Transferable[]) => scope.postMessage(message, transfer) },
  {
    now: () => performance.now(),
    later: (run, ms) => {
      if (ms > 0) return setTimeout(run, ms);
      const immediate: Immediate = { run, cancelled: false };
      immediates.push(immediate);
      channel.port2.postMessage(null);
      return immediate;
    },
    cancel: (handle) => {
      if (typeof handle === 'object' && handle !== null && 'cancelled' in handle)
        (handle as Immediate).cancelled = true;
      else clearTimeout(handle as ReturnType<typeof setTimeout>);
    },
  },
);

scope.onmessage = (event: MessageEvent<unknown>) => {
  const checked = validateToWorker(event.data);
  if (!checked.ok) {
    scope.postMessage({
      type: 'error',
      message: `the worker ignored a malformed message (${checked.error.message})`,
    } satisfies FromWorker);
    return;
  }
  try {
    driver.handle(checked.value);
  } catch (e) {
    scope.postMessage({ type: 'error', message: errorMessage(e) } satisfies FromWorker);
  }
};
