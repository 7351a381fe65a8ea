// A webview cannot start a worker from its resource URL (another origin): fetch the script and start it
// from a Blob URL, which the CSP allows with `worker-src blob:`.
export async function startWorker(uri: string): Promise<Worker> {
  const response = await fetch(uri);
  if (!response.ok) throw new Error(`could not load the trainer's worker (${response.status} ${response.statusText})`);
  const blob = new Blob([await response.text()], { type: 'text/javascript' });
  // The URL is kept for the page's lifetime: revoking it before the worker has loaded it can fail the load.
  return new Worker(URL.createObjectURL(blob), { name: 'autograd-lab-trainer' });
}
