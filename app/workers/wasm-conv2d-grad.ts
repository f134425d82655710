import * as tf from "@tensorflow/tfjs";

/**
 * The wasm backend (4.22) has no Conv2DBackpropFilter kernel, so `fit` on any Conv2D model throws
 * there. It does have Conv3DBackpropFilterV2 in native code, and a 2-D convolution is a 3-D one
 * with depth 1: we view x [b,h,w,c] as [b,1,h,w,c] and dy likewise (same buffers, only the shape
 * differs, which is all a wasm Reshape does) and read the [1,kh,kw,ci,co] gradient back as
 * [kh,kw,ci,co]. The native 3-D kernel is wrong for strides > 1 (checked against the CPU backend:
 * errors of 100%+), so strided convolutions take a plain JavaScript loop instead; the lab's
 * guided layers all use stride 1.
 */

interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: tf.DataType;
}

interface WasmBackend {
  readSync(dataId: object): Float32Array;
  makeOutput(
    shape: number[],
    dtype: tf.DataType,
    offset?: number,
    values?: Float32Array,
  ): TensorInfo;
}

interface Attrs {
  strides: number | [number, number];
  pad: "valid" | "same" | number;
  dataFormat: "NHWC" | "NCHW";
  filterShape: [number, number, number, number];
}

export function registerWasmConv2dFilterGrad(): boolean {
  if (tf.getKernel("Conv2DBackpropFilter", "wasm")) return true;
  const conv3d = tf.getKernel("Conv3DBackpropFilterV2", "wasm");
  if (!conv3d) return false;
  tf.registerKernel({
    kernelName: "Conv2DBackpropFilter",
    backendName: "wasm",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as unknown as { x: TensorInfo; dy: TensorInfo };
      const a = attrs as unknown as Attrs;
      if (a.dataFormat !== "NHWC") throw new Error("Conv2DBackpropFilter (wasm): NHWC only");
      const [sh, sw] = typeof a.strides === "number" ? [a.strides, a.strides] : a.strides;
      if (sh !== 1 || sw !== 1 || typeof a.pad !== "string") {
        return filterGradLoop(x, dy, a, backend as unknown as WasmBackend);
      }
      const [b, h, w, c] = x.shape as [number, number, number, number];
      const [, oh, ow, co] = dy.shape as [number, number, number, number];
      const dw = conv3d.kernelFunc({
        inputs: {
          x: { ...x, shape: [b, 1, h, w, c] },
          dy: { ...dy, shape: [b, 1, oh, ow, co] },
        },
        backend,
        attrs: { strides: [1, 1, 1], pad: a.pad, filterShape: [1, ...a.filterShape] },
      }) as TensorInfo;
      return { dataId: dw.dataId, shape: [...a.filterShape], dtype: dw.dtype };
    },
  });
  return true;
}

/** dW[i,j,ci,co] = sum over b, y, x of input[b, y*sh - top + i, x*sw - left + j, ci] * dy[b, y, x, co]. */
function filterGradLoop(x: TensorInfo, dy: TensorInfo, a: Attrs, backend: WasmBackend): TensorInfo {
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    a.filterShape,
    a.strides,
    1,
    a.pad,
  );
  const xs = backend.readSync(x.dataId);
  const ds = backend.readSync(dy.dataId);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const out = new Float32Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let y = 0; y < outHeight; y++) {
      for (let xo = 0; xo < outWidth; xo++) {
        const dyBase = ((b * outHeight + y) * outWidth + xo) * outChannels;
        for (let i = 0; i < filterHeight; i++) {
          const row = y * strideHeight - top + i;
          if (row < 0 || row >= inHeight) continue;
          for (let j = 0; j < filterWidth; j++) {
            const col = xo * strideWidth - left + j;
            if (col < 0 || col >= inWidth) continue;
            const xBase = ((b * inHeight + row) * inWidth + col) * inChannels;
            const wBase = (i * filterWidth + j) * inChannels * outChannels;
            for (let ci = 0; ci < inChannels; ci++) {
              const xv = xs[xBase + ci]!;
              if (xv === 0) continue;
              const wRow = wBase + ci * outChannels;
              for (let co = 0; co < outChannels; co++) out[wRow + co]! += xv * ds[dyBase + co]!;
            }
          }
        }
      }
    }
  }
  return backend.makeOutput([...a.filterShape], "float32", undefined, out);
}
