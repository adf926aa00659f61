// A dedicated module worker that runs lotus_tools in Pyodide, self-hosted.
// Messages in: {id, fn, args}; out: {id, result} or {id, error}, and
// {progress} while starting. Nothing here talks to any host but this site.

const here = new URL(".", import.meta.url);
const site = new URL("../", here);
const pyodideBase = new URL("vendor/pyodide/", site);
const packageZip = new URL("assets/python/lotus_tools.zip", site);

const progress = (step, of, text) => postMessage({ progress: { step, of, text } });

// Checks that fail fast where Pyodide itself would hang: no WebAssembly, WebAssembly
// refused (a Content-Security-Policy without 'wasm-unsafe-eval'), or its file blocked.
async function preflight() {
  if (typeof WebAssembly !== "object") throw new Error("this browser has no WebAssembly");
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch {
    throw new Error("this browser or site setting does not allow WebAssembly");
  }
  const wasm = await fetch(new URL("pyodide.asm.wasm", pyodideBase), { method: "HEAD" }).catch(() => null);
  if (!wasm || !wasm.ok) throw new Error("Python's WebAssembly file could not be loaded");
}

async function start() {
  progress(1, 3, "Loading Python");
  // Fetch the toolkit's code while Python loads; check the runtime can run before waiting on it.
  const packageBytes = fetch(packageZip).then((response) => {
    if (!response.ok) throw new Error(`could not load the scoring code (${response.status})`);
    return response.arrayBuffer();
  });
  packageBytes.catch(() => {});
  const [{ loadPyodide }] = await Promise.all([import(new URL("pyodide.mjs", pyodideBase).href), preflight()]);
  // The standard library precompiled to bytecode at build time (lotus_tools/publish/compiled_stdlib.py).
  const stdLibURL = new URL("python_stdlib.pyc.zip", pyodideBase).href;
  const pyodide = await loadPyodide({ indexURL: pyodideBase.href, stdLibURL, fullStdLib: false });
  progress(2, 3, "Loading the toolkit's scoring code");
  pyodide.unpackArchive(await packageBytes, "zip");
  progress(3, 3, "Starting the calculator");
  const browser = pyodide.pyimport("lotus_tools.core.worker_api");
  return { pyodide, browser };
}

const ready = start();

ready.then(
  () => postMessage({ ready: true }),
  (error) => postMessage({ failed: String(error && error.message ? error.message : error) }),
);

onmessage = async ({ data: { id, fn, args } }) => {
  try {
    const { pyodide, browser } = await ready;
    const converted = args.map((arg) => (arg instanceof ArrayBuffer ? pyodide.toPy(new Uint8Array(arg)) : arg));
    let result = browser[fn](...converted);
    if (result && typeof result.toJs === "function") {
      const bytes = result.toJs();
      result.destroy();
      result = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      postMessage({ id, result }, [result]);
      return;
    }
    postMessage({ id, result });
  } catch (error) {
    postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
};
