import {
  MNIST_IMAGES_PATH,
  MNIST_LABELS_PATH,
  WASM_PATH,
  type BackendReport,
  type BenchApi,
  type BenchBackend,
  type FromBenchWorker,
  type ToBenchWorker,
  type TrainReport,
  type TrainRequest,
} from "./protocol";

/**
 * The page the bench drives: it fetches the MNIST bytes once, starts one worker per backend (the
 * lab starts one worker for its backend choice) and relays calls to them. TF.js itself is loaded
 * only in the workers, as in the lab.
 */

declare global {
  interface Window {
    kbaBench?: BenchApi;
  }
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const [images, labels] = await Promise.all([
  fetchBytes(MNIST_IMAGES_PATH),
  fetchBytes(MNIST_LABELS_PATH),
]);

type Reply = Extract<FromBenchWorker, { ok: true }>;

class WorkerClient {
  private readonly worker = new Worker(new URL("./bench-worker.ts", import.meta.url), {
    type: "module",
  });
  private readonly pending = new Map<number, (reply: FromBenchWorker) => void>();
  private nextId = 1;

  constructor() {
    this.worker.onmessage = (event: MessageEvent<FromBenchWorker>) => {
      this.pending.get(event.data.id)?.(event.data);
      this.pending.delete(event.data.id);
    };
    // A worker that dies (out of memory, a crash in its module) would leave calls waiting forever.
    this.worker.onerror = (event) => {
      for (const settle of this.pending.values())
        settle({ id: 0, ok: false, error: `worker error: ${event.message}` });
      this.pending.clear();
    };
  }

  /** Sends one call and resolves with its reply, which must be of the same `call`. */
  private request<C extends ToBenchWorker["call"]>(
    message: ToBenchWorker & { call: C },
  ): Promise<Extract<Reply, { call: C }>> {
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, (reply) => {
        if (!reply.ok) reject(new Error(reply.error));
        else if (isReplyTo(message.call, reply)) resolve(reply);
        else reject(new Error(`expected a reply to ${message.call}, got ${reply.call}`));
      });
      this.worker.postMessage(message);
    });
  }

  async init(backend: BenchBackend): Promise<BackendReport> {
    const id = this.nextId++;
    const { report } = await this.request({ id, call: "init", backend, wasmPath: WASM_PATH });
    // Copies: each worker keeps its own, as each lab worker does.
    await this.request({ id: this.nextId++, call: "data", images, labels });
    return report;
  }

  async train(request: TrainRequest): Promise<TrainReport> {
    const { report } = await this.request({ id: this.nextId++, call: "train", request });
    return report;
  }

  terminate(): void {
    this.worker.terminate();
  }
}

function isReplyTo<C extends ToBenchWorker["call"]>(
  call: C,
  reply: Reply,
): reply is Extract<Reply, { call: C }> {
  return reply.call === call;
}

const workers = new Map<BenchBackend, WorkerClient>();

function workerFor(backend: BenchBackend): WorkerClient {
  const worker = workers.get(backend);
  if (!worker) throw new Error(`no worker for ${backend}: call open() first`);
  return worker;
}

window.kbaBench = {
  open(backend) {
    workers.get(backend)?.terminate();
    const worker = new WorkerClient();
    workers.set(backend, worker);
    return worker.init(backend);
  },
  train: (backend, request) => workerFor(backend).train(request),
  close(backend) {
    workers.get(backend)?.terminate();
    workers.delete(backend);
  },
};
