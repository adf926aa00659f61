// Starts the Python worker (one per page visit) and calls lotus_tools.core.worker_api in it.

export function startPython({ onProgress = () => {}, workerUrl } = {}) {
  const url = workerUrl || new URL("python-worker.js", import.meta.url);
  const worker = new Worker(url, { type: "module", name: "lotus-python" });
  const pending = new Map();
  let nextId = 0;
  let settle;
  const ready = new Promise((resolve, reject) => { settle = { resolve, reject }; });

  worker.onmessage = ({ data }) => {
    if (data.progress) onProgress(data.progress);
    else if (data.ready) settle.resolve();
    else if (data.failed) settle.reject(new Error(data.failed));
    else if (pending.has(data.id)) {
      const { resolve, reject } = pending.get(data.id);
      pending.delete(data.id);
      if ("error" in data) reject(new Error(data.error));
      else resolve(data.result);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle.reject(new Error(event.message || "the worker could not start"));
  };

  function call(fn, ...args) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const transfer = args.filter((arg) => arg instanceof ArrayBuffer);
      worker.postMessage({ id, fn, args }, transfer);
    });
  }

  async function callJson(fn, request) {
    return JSON.parse(await call(fn, JSON.stringify(request)));
  }

  return { ready, call, callJson, stop: () => worker.terminate() };
}
