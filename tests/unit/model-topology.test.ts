import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { WeightSpec } from "@/lib/model/artifact";
import { decodeBase64 } from "@/lib/model/base64";
import { inspectTopology } from "@/lib/model/topology";
import { decodeWeights, encodeArtifact } from "@/lib/model/weights";

type Topology = Record<string, unknown>;
type LayerJson = { class_name: string; config: Record<string, unknown> };
interface Fixture {
  model: tf.LayersModel;
  modelTopology: Topology;
  weightSpecs: WeightSpec[];
}

/** Real TF.js output: build a model, save it through a handler, keep what a submission carries. */
async function fixture(model: tf.LayersModel): Promise<Fixture> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler((a) => {
      saved = a;
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" },
      });
    }),
  );
  const weightSpecs = saved!.weightSpecs!.map((s) => ({
    name: s.name,
    shape: s.shape,
    dtype: "float32" as const,
  }));
  return { model, modelTopology: saved!.modelTopology as Topology, weightSpecs };
}

const layersOf = (topology: Topology) => (topology.config as { layers: LayerJson[] }).layers;

/** A deep copy of the fixture's topology, edited by `edit`. */
function edited(f: Fixture, edit: (layers: LayerJson[], topology: Topology) => void): Topology {
  const topology = structuredClone(f.modelTopology);
  edit(layersOf(topology), topology);
  return topology;
}

const rejected = (topology: unknown, specs: WeightSpec[]) => {
  const result = inspectTopology(topology, specs);
  return result.ok ? "accepted" : result.error;
};

let mlp: Fixture;
let cnn: Fixture;
let zoo: Fixture;

beforeAll(async () => {
  await tf.setBackend("cpu");
  mlp = await fixture(
    tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [784], units: 32, activation: "relu" }),
        tf.layers.dense({ units: 10, activation: "softmax" }),
      ],
    }),
  );
  cnn = await fixture(
    tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [28, 28, 1],
          filters: 4,
          kernelSize: 3,
          activation: "relu",
        }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: "relu" }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 10, activation: "softmax" }),
      ],
    }),
  );
  // Every allowed layer class, with non-default options, to hold our shape inference to tfjs's.
  zoo = await fixture(
    tf.sequential({
      layers: [
        tf.layers.inputLayer({ inputShape: [784] }),
        tf.layers.reshape({ targetShape: [28, 28, 1] }),
        tf.layers.separableConv2d({
          filters: 8,
          kernelSize: 3,
          strides: 2,
          padding: "same",
        }),
        tf.layers.batchNormalization({ center: false }),
        tf.layers.reLU({ maxValue: 6 }),
        tf.layers.depthwiseConv2d({
          kernelSize: [3, 2],
          depthMultiplier: 2,
          useBias: false,
          activation: "elu",
        }),
        tf.layers.averagePooling2d({ poolSize: 3, strides: 1, padding: "same" }),
        tf.layers.activation({ activation: "swish" }),
        tf.layers.dropout({ rate: 0.2 }),
        tf.layers.conv2d({ filters: 6, kernelSize: [3, 1], strides: [2, 1], activation: "gelu" }),
        tf.layers.globalMaxPooling2d({}),
        tf.layers.reshape({ targetShape: [2, 3] }),
        tf.layers.flatten(),
        tf.layers.dense({
          units: 10,
          kernelRegularizer: tf.regularizers.l2(),
          kernelConstraint: tf.constraints.maxNorm({}),
        }),
        tf.layers.softmax(),
      ],
    }),
  );
});

describe("inspectTopology accepts real TF.js Sequential models", () => {
  it.each(["mlp", "cnn", "zoo"])("%s: same output shapes and parameter counts as tfjs", (which) => {
    const f = { mlp, cnn, zoo }[which]!;
    const result = inspectTopology(f.modelTopology, f.weightSpecs);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
    const ours = new Map(result.summary.layers.map((l) => [l.name, l]));
    for (const layer of f.model.layers) {
      expect(ours.get(layer.name)).toMatchObject({
        outputShape: layer.outputShape,
        params: layer.countParams(),
      });
    }
    expect(result.summary.parameters).toBe(f.model.countParams());
    expect(result.summary.layers.at(-1)!.outputShape).toEqual([null, 10]);
  });

  it("summarises the notes' CNN: 2,346 parameters from [null,28,28,1]", () => {
    const result = inspectTopology(cnn.modelTopology, cnn.weightSpecs);
    expect(result.ok && result.summary).toMatchObject({
      parameters: 2346,
      inputShape: [null, 28, 28, 1],
    });
    expect(result.ok && result.summary.layers.map((l) => l.outputShape)).toEqual([
      [null, 26, 26, 4],
      [null, 13, 13, 4],
      [null, 11, 11, 8],
      [null, 5, 5, 8],
      [null, 200],
      [null, 10],
    ]);
  });

  it("accepts what tf.loadLayersModel then loads, weights by name", async () => {
    const values = zoo.model.weights.map((w) => w.read().dataSync() as Float32Array);
    const artifact = encodeArtifact({
      modelTopology: zoo.modelTopology,
      specs: zoo.weightSpecs,
      values,
      quantize: "uint8",
    });
    expect(inspectTopology(artifact.modelTopology, artifact.weightSpecs).ok).toBe(true);
    const bytes = decodeBase64(artifact.weightData);
    if (!bytes.ok) throw new Error(bytes.error);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: artifact.modelTopology,
        weightSpecs: artifact.weightSpecs,
        weightData: bytes.bytes.slice().buffer,
      }),
    );
    expect(loaded.outputs[0]!.shape).toEqual([null, 10]);
    loaded.dispose();
  });

  it("refuses what tfjs cannot reload either: SeparableConv2D loses depth_multiplier on save", async () => {
    // tfjs-layers 4.22 leaves depth_multiplier out of SeparableConv2D's config, so the saved
    // kernel [3,3,1,2] meets a rebuilt layer expecting [3,3,1,1]: tf.loadLayersModel throws.
    const lossy = await fixture(
      tf.sequential({
        layers: [
          tf.layers.separableConv2d({
            inputShape: [28, 28, 1],
            filters: 2,
            kernelSize: 3,
            depthMultiplier: 2,
          }),
          tf.layers.globalAveragePooling2d({}),
          tf.layers.dense({ units: 10 }),
        ],
      }),
    );
    expect(rejected(lossy.modelTopology, lossy.weightSpecs)).toMatchObject({
      code: "WEIGHTS_MISMATCH",
    });
  });

  it("unwraps model_config as tfjs-layers does", () => {
    const wrapped = { model_config: mlp.modelTopology, training_config: {} };
    expect(inspectTopology(wrapped, mlp.weightSpecs).ok).toBe(true);
  });
});

describe("inspectTopology rejects hostile topologies", () => {
  it("Lambda and unknown layer classes", () => {
    const lambda = edited(mlp, (layers) => (layers[1]!.class_name = "Lambda"));
    expect(rejected(lambda, mlp.weightSpecs)).toEqual({
      code: "LAYER_NOT_ALLOWED",
      detail: "Lambda",
    });
    const custom = edited(cnn, (layers) => (layers[1]!.class_name = "MyFastPool"));
    expect(rejected(custom, cnn.weightSpecs)).toMatchObject({
      code: "LAYER_NOT_ALLOWED",
      detail: "MyFastPool",
    });
  });

  it("UpSampling2D: 20 parameters that grew to 22.9 GB on load", async () => {
    const bomb = await fixture(
      tf.sequential({
        layers: [
          tf.layers.reshape({ inputShape: [784], targetShape: [28, 28, 1] }),
          tf.layers.upSampling2d({ size: [100, 100] }),
          tf.layers.globalAveragePooling2d({}),
          tf.layers.dense({ units: 10 }),
        ],
      }),
    );
    expect(rejected(bomb.modelTopology, bomb.weightSpecs)).toEqual({
      code: "LAYER_NOT_ALLOWED",
      detail: "UpSampling2D",
    });
  });

  it("a functional Model", async () => {
    const input = tf.input({ shape: [784] });
    const output = tf.layers.dense({ units: 10 }).apply(input) as tf.SymbolicTensor;
    const functional = await fixture(tf.model({ inputs: input, outputs: output }));
    expect(rejected(functional.modelTopology, functional.weightSpecs)).toMatchObject({
      code: "NOT_SEQUENTIAL",
    });
  });

  it.each([[[null, 28, 28]], [[null, 32, 32, 3]], [[1, 784]], [undefined]])(
    "input shape %j",
    (shape) => {
      const topology = edited(mlp, (layers) => (layers[0]!.config.batch_input_shape = shape));
      expect(rejected(topology, mlp.weightSpecs)).toMatchObject({ code: "BAD_INPUT_SHAPE" });
    },
  );

  it("an output that is not [null, 10]", () => {
    const twelve = edited(mlp, (layers) => (layers[1]!.config.units = 12));
    expect(rejected(twelve, mlp.weightSpecs)).toMatchObject({ code: "BAD_OUTPUT_SHAPE" });
    const spatial = edited(cnn, (layers) => layers.splice(4, 1)); // no Flatten: [null, 5, 5, 10]
    expect(rejected(spatial, cnn.weightSpecs)).toMatchObject({ code: "BAD_OUTPUT_SHAPE" });
  });

  it("Reshape -> huge Dense: few parameters, 47 million values per image", () => {
    const topology = edited(mlp, (layers) => {
      delete layers[0]!.config.batch_input_shape;
      layers[0]!.config.units = 60000;
      layers.unshift({
        class_name: "Reshape",
        config: { name: "r", target_shape: [28, 28, 1], batch_input_shape: [null, 784] },
      });
    });
    expect(rejected(topology, mlp.weightSpecs)).toMatchObject({ code: "LAYER_OUTPUT_TOO_LARGE" });
  });

  it("a convolution whose output alone exceeds the limit", () => {
    const topology = edited(cnn, (layers) => {
      layers[0]!.config.filters = 100;
      layers[0]!.config.padding = "same";
    });
    expect(rejected(topology, cnn.weightSpecs)).toMatchObject({ code: "LAYER_OUTPUT_TOO_LARGE" });
  });

  it("cheap in parameters and outputs but too much compute per image", async () => {
    // Two 5x5 convolutions with 48 filters at full resolution: ~46M multiply-adds per image.
    const heavy = await fixture(
      tf.sequential({
        layers: [
          tf.layers.conv2d({
            inputShape: [28, 28, 1],
            filters: 48,
            kernelSize: 5,
            padding: "same",
          }),
          tf.layers.conv2d({ filters: 48, kernelSize: 5, padding: "same" }),
          tf.layers.maxPooling2d({ poolSize: 4 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 10 }),
        ],
      }),
    );
    expect(rejected(heavy.modelTopology, heavy.weightSpecs)).toMatchObject({
      code: "TOO_MUCH_COMPUTE",
    });
  });

  it("a stack of element-wise layers: no multiply-adds, but slow to score", async () => {
    const stacked = await fixture(
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 63, kernelSize: 1 }),
          ...Array.from({ length: 28 }, () => tf.layers.activation({ activation: "softmax" })),
          tf.layers.globalAveragePooling2d({}),
          tf.layers.dense({ units: 10 }),
        ],
      }),
    );
    expect(rejected(stacked.modelTopology, stacked.weightSpecs)).toMatchObject({
      code: "TOO_MUCH_COMPUTE",
    });
  });

  it("too many parameters and too many layers", () => {
    const wide = edited(mlp, (layers) => (layers[0]!.config.units = 700)); // 784 * 700 > 500,000
    expect(rejected(wide, mlp.weightSpecs)).toMatchObject({ code: "TOO_MANY_PARAMETERS" });
    const deep = edited(mlp, (layers) => {
      const dropouts = Array.from({ length: 31 }, (_, i) => ({
        class_name: "Dropout",
        config: { rate: 0.1, name: `drop${i}` },
      }));
      layers.splice(1, 0, ...dropouts);
    });
    expect(rejected(deep, mlp.weightSpecs)).toMatchObject({ code: "TOO_MANY_LAYERS" });
  });

  it("weight specs that do not match the topology's kernels", () => {
    const [kernel, bias, ...rest] = mlp.weightSpecs;
    const mismatch = (specs: WeightSpec[]) => rejected(mlp.modelTopology, specs);
    expect(mismatch([{ ...kernel!, shape: [784, 33] }, bias!, ...rest])).toMatchObject({
      code: "WEIGHTS_MISMATCH",
    });
    expect(mismatch([kernel!, ...rest])).toMatchObject({ code: "WEIGHTS_MISMATCH" });
    const smuggled = { name: "payload/kernel", shape: [100000], dtype: "float32" as const };
    expect(mismatch([...mlp.weightSpecs, smuggled])).toMatchObject({ code: "WEIGHTS_MISMATCH" });
    expect(mismatch([kernel!, kernel!, bias!, ...rest])).toMatchObject({
      code: "WEIGHTS_MISMATCH",
    });
    expect(mismatch([{ ...kernel!, shape: [32, 784] }, bias!, ...rest])).toMatchObject({
      code: "WEIGHTS_MISMATCH",
    });
  });

  it("NaN weights pass the topology but not decodeWeights", () => {
    const values = mlp.model.weights.map((w) => Float32Array.from(w.read().dataSync()));
    values[2]![7] = NaN;
    const artifact = encodeArtifact({
      modelTopology: mlp.modelTopology,
      specs: mlp.weightSpecs,
      values,
    });
    expect(inspectTopology(artifact.modelTopology, artifact.weightSpecs).ok).toBe(true);
    expect(decodeWeights(artifact)).toMatchObject({
      ok: false,
      error: { code: "NON_FINITE_WEIGHTS" },
    });
  });

  it("reads configs the way tfjs does: camelCase collisions, converted values", () => {
    const collision = edited(cnn, (layers) => (layers[0]!.config.kernelSize = [27, 27]));
    expect(rejected(collision, cnn.weightSpecs)).toMatchObject({ code: "MALFORMED" });
    const hard = edited(mlp, (layers) => (layers[0]!.config.activation = "hard_sigmoid"));
    expect(rejected(hard, mlp.weightSpecs)).toEqual({
      code: "ACTIVATION_NOT_ALLOWED",
      detail: "hardSigmoid",
    });
    const first = edited(cnn, (layers) => (layers[0]!.config.data_format = "channels_first"));
    expect(rejected(first, cnn.weightSpecs)).toMatchObject({ code: "UNSUPPORTED_CONFIG" });
  });

  it("options we do not evaluate", () => {
    const cases: [Fixture, (layers: LayerJson[]) => void][] = [
      [cnn, (l) => (l[0]!.config.dilation_rate = [2, 2])],
      [cnn, (l) => (l[0]!.config.padding = "causal")],
      [mlp, (l) => (l[0]!.config.kernel_regularizer = { class_name: "MyRegularizer", config: {} })],
      [mlp, (l) => (l[1]!.config.bias_constraint = "myConstraint")],
      [mlp, (l) => (l[0]!.config.dtype = "int32")],
      [zoo, (l) => (l[1]!.config.target_shape = [28, -1, 1])], // tfjs keeps -1 in static shapes
    ];
    for (const [f, edit] of cases) {
      expect(rejected(edited(f, edit), f.weightSpecs)).toMatchObject({
        code: "UNSUPPORTED_CONFIG",
      });
    }
  });

  it("oversized and malformed topologies", () => {
    const huge = edited(mlp, (_l, t) => (t.padding = "x".repeat(70_000)));
    expect(rejected(huge, mlp.weightSpecs)).toMatchObject({ code: "TOO_LARGE" });
    const nested = JSON.parse("[".repeat(5000) + "]".repeat(5000)) as unknown;
    for (const bad of [
      null,
      "Sequential",
      { class_name: "Sequential" },
      { class_name: "Sequential", config: { layers: [{}] } },
      nested,
    ]) {
      expect(rejected(bad, [])).toMatchObject({ code: "MALFORMED" });
    }
    const nameless = edited(mlp, (layers) => delete layers[1]!.config.name);
    expect(rejected(nameless, mlp.weightSpecs)).toMatchObject({ code: "MALFORMED" });
    const twice = edited(mlp, (layers) => (layers[1]!.config.name = layers[0]!.config.name));
    expect(rejected(twice, mlp.weightSpecs)).toMatchObject({ code: "MALFORMED" });
    const window = edited(cnn, (layers) => (layers[2]!.config.kernel_size = [14, 14]));
    expect(rejected(window, cnn.weightSpecs)).toMatchObject({ code: "MALFORMED" });
  });
});
