// A dedicated module worker that runs lotus_tools.core in self-hosted Pyodide.
//
// Messages in:  {type: "start", python, prefetch}  (addresses from the page contract)
//               {type: "prefetch", urls}           blank templates to hold for offline use
//               {type: "call", id, fn, request, data, blank}
// Messages out: {type: "progress", stage, loaded, downloading}  while starting: bytes so far, and whether
//               files are still coming (once the WebAssembly is here and nothing is in flight, the start
//               is the device's work, which the page shows as slow, never as a network failure)
//               {type: "ready", marks} | {type: "failed", message}
//               (marks: when each stage of the start ended, for the page's User Timing and make bench)
//               {type: "answer", id, text}         the core's JSON envelope (after the first, while idle, the
//               worker imports the core's document modules: lotus_tools.core.worker_api.load_documents)
//               {type: "broken", id, detail}       Python itself failed the call (the core answers every
//               error of its own in words, so a throw means the interpreter is unusable): the page
//               restarts it in a new worker
// Every failure reaches the page as a sentence; details go to the console.

const blanks = new Map();
let api = null;
let documentsLoaded = false;
let toPy = (bytes) => bytes;
let stage = "Downloading Python";
let loaded = 0;
let inflight = 0;
let wasmHere = false;
let lastReport = 0;
const marks = {};
const mark = (name) => {
  marks[name] = performance.timeOrigin + performance.now();
};

const post = (message) => postMessage(message);

function report(force = false) {
  const now = Date.now();
  if (force || now - lastReport > 100) {
    lastReport = now;
    post({ type: "progress", stage, loaded, downloading: inflight > 0 || !wasmHere });
  }
}

class StartError extends Error {}

// Count bytes as they arrive (from a copy, so that the browser still compiles and caches the
// real response), so that the page can tell a slow network from a dead one.
async function count(copy) {
  const reader = copy.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    loaded += value.byteLength;
    report();
  }
}

const siteFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  inflight += 1;
  let counting = false;
  try {
    const response = await siteFetch(input, init);
    if (!response.ok) {
      throw new StartError(
        `a file the calculator needs could not be loaded from this site (${response.status} for ${new URL(response.url).pathname.split("/").pop()})`,
      );
    }
    if (response.body) {
      counting = true;
      const wasm = new URL(response.url).pathname.endsWith(".wasm");
      count(response.clone())
        .then(
          () => {
            if (wasm) wasmHere = true;
          },
          () => {},
        )
        .finally(() => {
          inflight -= 1;
          report(true);
        });
    }
    return response;
  } finally {
    if (!counting) inflight -= 1;
  }
};

// Pyodide swallows a failure to compile its WebAssembly and waits for ever: turn it into a sentence.
// A host that sends the .wasm with the wrong type still works: compile from the bytes instead.
let failStart = () => {};
const streaming = WebAssembly.instantiateStreaming.bind(WebAssembly);

async function compile(source, imports) {
  const response = await source;
  const { url } = response;
  try {
    return await streaming(Promise.resolve(response), imports);
  } catch (error) {
    if (!(error instanceof TypeError && /MIME|Content-Type/i.test(String(error.message)))) throw error;
    console.warn(
      `This site sends ${new URL(url).pathname} as "${response.headers.get("content-type")}"; ` +
        "it should be application/wasm (see the README's Deploying section). Compiling it from its bytes instead.",
    );
    return WebAssembly.instantiate(await (await siteFetch(url)).arrayBuffer(), imports);
  }
}

WebAssembly.instantiateStreaming = async (source, imports) => {
  try {
    return await compile(source, imports);
  } catch (error) {
    console.error(error);
    failStart(error instanceof StartError ? error.message : "Python's WebAssembly file arrived damaged or incomplete");
    throw error;
  }
};

// Pyodide leaves some of its own fetches' failures unawaited: they are the same failure, already told in words.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  console.warn(event.reason);
  failStart(event.reason instanceof StartError ? event.reason.message : "Python could not start in this browser");
});

function allowsWebAssembly() {
  if (typeof WebAssembly !== "object") throw new StartError("this browser has no WebAssembly");
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch {
    throw new StartError("this browser or the site's settings do not allow WebAssembly");
  }
}

async function blank(url) {
  if (!blanks.has(url)) {
    const promise = siteFetch(url).then((response) => {
      if (!response.ok) throw new Error(`${response.status}`);
      return response.arrayBuffer();
    });
    blanks.set(url, promise);
    promise.catch(() => blanks.delete(url));
  }
  return blanks.get(url);
}

async function start({ python, prefetch }) {
  allowsWebAssembly();
  for (const url of prefetch) blank(url).catch(() => {});
  const core = fetch(python.core).then((response) => response.arrayBuffer());
  core.catch(() => {});
  mark("worker-started");
  const { loadPyodide } = await import(`${python.indexURL}pyodide.mjs`);
  mark("pyodide-loaded");
  const pyodide = await loadPyodide({ indexURL: python.indexURL, stdLibURL: python.stdlib, fullStdLib: false });
  mark("python-started");
  stage = "Loading the toolkit's scoring code";
  report(true);
  pyodide.unpackArchive(await core, "zip");
  toPy = (bytes) => pyodide.toPy(bytes);
  const module = pyodide.pyimport(python.module);
  mark("core-imported");
  return module;
}

function failed(error) {
  console.error(error);
  const message = error instanceof StartError ? error.message : "the calculator's files could not be started in this browser";
  post({ type: "failed", message });
}

self.addEventListener("message", async ({ data }) => {
  if (data.type === "start") {
    const stopped = new Promise((_, reject) => {
      failStart = (message) => reject(new StartError(message));
    });
    try {
      api = await Promise.race([start(data), stopped]);
      post({ type: "ready", marks });
    } catch (error) {
      failed(error);
    }
  } else if (data.type === "prefetch") {
    for (const url of data.urls) blank(url).catch(() => {});
  } else if (data.type === "call") {
    let text;
    try {
      let bytes = data.data ? new Uint8Array(data.data) : null;
      if (data.blank) {
        try {
          bytes = new Uint8Array(await blank(data.blank));
        } catch {
          text = JSON.stringify({
            ok: false,
            field: "template",
            message:
              "The blank template could not be loaded from this site, so the record cannot be made. Check your connection and try again.",
          });
        }
      }
      if (!text) text = api.call(data.fn, data.request, bytes ? toPy(bytes) : undefined);
    } catch (error) {
      console.error(error);
      post({ type: "broken", id: data.id, detail: String(error) });
      return;
    }
    post({ type: "answer", id: data.id, text });
    if (api && !documentsLoaded) {
      documentsLoaded = true;
      setTimeout(loadDocuments, 0);
    }
  }
});

// The first score imports only what scoring needs; what documents need (templates, the record, XML) comes
// once it is shown, while the reader reads it, so that the first download does not wait for it either.
function loadDocuments() {
  try {
    api.load_documents();
  } catch (error) {
    console.warn(error); // the first call that needs them imports them again and answers in words
  }
}
