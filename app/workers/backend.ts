import * as tf from "@tensorflow/tfjs";
import { setWasmPaths, version_wasm } from "@tensorflow/tfjs-backend-wasm";
import {
  ReasonError,
  type BackendChoice,
  type BackendInfo,
  type BackendName,
  type ConvTraining,
} from "./protocol";
import { registerWasmConv2dFilterGrad } from "./wasm-conv2d-grad";

/**
 * Picks the training backend. "auto" tries WebGL, then wasm (its .wasm files come from our own
 * origin, app/tfjs-wasm), then the plain CPU backend. A WebGL that is really a software
 * rasteriser (SwiftShader, llvmpipe: what headless or GPU-less machines get) is slower than wasm
 * for these small models, so auto skips it and says why.
 */

const SOFTWARE_GL = /swiftshader|llvmpipe|software|basic render/i;

/** The WebGL backend's renderer string (e.g. "ANGLE (... SwiftShader ...)"), or null off WebGL. */
export function webglRenderer(): string | null {
  try {
    const backend = tf.backend() as unknown as {
      getGPGPUContext?: () => { gl: WebGLRenderingContext };
    };
    const gl = backend.getGPGPUContext?.().gl;
    if (!gl) return null;
    const ext = gl.getExtension("WEBGL_debug_renderer_info");
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}

async function trySet(name: BackendName): Promise<boolean> {
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

const WASM_FILES = [
  "tfjs-backend-wasm.wasm",
  "tfjs-backend-wasm-simd.wasm",
  "tfjs-backend-wasm-threaded-simd.wasm",
] as const;

/** `base` is the route's folder, e.g. "/tfjs-wasm/"; the version makes the URLs cacheable forever. */
function serveWasmFrom(base: string) {
  const map = Object.fromEntries(WASM_FILES.map((f) => [f, `${base}${f}?v=${version_wasm}`]));
  setWasmPaths(map);
}

export async function chooseBackend(choice: BackendChoice, wasmPath: string): Promise<BackendInfo> {
  serveWasmFrom(wasmPath);
  let fallback: BackendInfo["fallback"] = null;
  const order: BackendName[] =
    choice === "auto" ? ["webgl", "wasm", "cpu"] : [choice, "wasm", "cpu"];
  for (const name of order) {
    if (!(await trySet(name))) {
      fallback ??= { from: name, reason: "unavailable", renderer: null };
      continue;
    }
    if (name === "webgl" && choice === "auto") {
      const renderer = webglRenderer();
      if (renderer && SOFTWARE_GL.test(renderer)) {
        fallback = { from: "webgl", reason: "software", renderer };
        continue;
      }
    }
    return {
      backend: name,
      convTraining: convTrainingOn(name),
      fallback: name === choice ? null : fallback,
    };
  }
  throw new ReasonError({ key: "reason.noBackend" }, "no TF.js backend could be started");
}

function convTrainingOn(backend: BackendName): ConvTraining {
  if (backend !== "wasm") return "native";
  return registerWasmConv2dFilterGrad() ? "wasm-kernel" : "cpu-fallback";
}
