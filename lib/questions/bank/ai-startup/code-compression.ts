import type { QuestionInput } from "../../schema";

// The article's "halve the model size" listing. It mixes PyTorch idioms into TensorFlow and calls
// invented APIs; these questions quote it as it stands and the explanations give the real fix.

const PRUNE_AND_QUANTIZE = `model = ...  # original model

# prune
pruned_params = tf.function(lambda x: tf.reduce_sum(tf.abs(model(x))))
prune_low_magnitude(pruned_params, threshold=0.1)

# quantize
quantize_model(model, num_bits=5)`;

const QUANTIZE_CALL = `# quantize
quantize_model(model, num_bits=5)`;

const DISTILL_STEP = `with tf.GradientTape() as tape:
    student_outputs = student(x_train)
    teacher_outputs = teacher(x_train)
    loss = tf.keras.losses.categorical_crossentropy(teacher_outputs, student_outputs)`;

const ACCURACY_LINES = `_, predicted = tf.argmax(student(x_train), axis=1)
total = predicted.size(0)
correct = (predicted == y_train).sum().item()
print('Accuracy:', correct / total)`;

const DISTILL_LOOP = `teacher = ...  # original model
student = ...  # pruned, quantized model

for epoch in range(5):
    student_optimizer.zero_grad()
    ${DISTILL_STEP.replaceAll("\n", "\n    ")}
    gradients = tape.gradient(loss, student.trainable_variables)
    student_optimizer.apply_gradients(zip(gradients, student.trainable_variables))

    ${ACCURACY_LINES.replaceAll("\n", "\n    ")}`;

export const codeCompressionQuestions: QuestionInput[] = [
  {
    id: "cc-distillation-name",
    topic: "code-compression",
    difficulty: 1,
    type: "text",
    prompt: {
      zh: "这个循环让一个小的学生模型去模仿大的教师模型的输出。这种技术叫什么？",
      en: "This loop trains a small student model to imitate a large teacher's outputs. What is the technique called?",
    },
    code: DISTILL_LOOP,
    accepted: [
      "知识蒸馏",
      "蒸馏",
      "模型蒸馏",
      "distillation",
      "knowledge distillation",
      "model distillation",
      "KD",
    ],
    timeLimitSec: 30,
    explanation: {
      zh: "知识蒸馏由 Hinton 等人在 2015 年推广：学生模型学习教师的输出分布，而不只是硬标签，因此能用少得多的参数保留大部分精度。",
      en: "Knowledge distillation, popularized by Hinton et al. in 2015, trains the student on the teacher's output distribution rather than hard labels alone, keeping most of the accuracy with far fewer parameters.",
    },
  },
  {
    id: "cc-pruned-params",
    topic: "code-compression",
    difficulty: 2,
    type: "single",
    prompt: {
      zh: "变量 pruned_params 里实际装的是什么？",
      en: "What does the variable pruned_params actually hold?",
    },
    code: PRUNE_AND_QUANTIZE,
    options: [
      { zh: "所有小于 0.1 的权重", en: "Every weight smaller than 0.1" },
      { zh: "去掉 10% 权重后的模型副本", en: "A copy of the model with 10% of weights removed" },
      { zh: "标记哪些权重要保留的掩码", en: "A mask marking which weights to keep" },
      { zh: "对模型输出取绝对值再求和的函数", en: "A function summing absolute model outputs" },
    ],
    correct: 3,
    timeLimitSec: 45,
    explanation: {
      zh: "被 tf.function 包装的 lambda 计算的是模型输出的绝对值之和，与权重无关，谈不上剪枝。真正的剪枝用 tfmot.sparsity.keras.prune_low_magnitude 包装 Keras 模型，按剪枝计划逐步把小权重置零，再微调恢复精度。",
      en: "The tf.function-wrapped lambda sums the absolute values of the model's outputs; it has nothing to do with weights. Real pruning wraps a Keras model in tfmot.sparsity.keras.prune_low_magnitude, zeroes small weights on a schedule, then fine-tunes.",
    },
  },
  {
    id: "cc-sparse-storage",
    topic: "code-compression",
    difficulty: 3,
    type: "truefalse",
    prompt: {
      zh: "判断：即使换成真正的剪枝 API，剪枝也只是把权重置零；模型文件要按稀疏格式存储或经过压缩，才会真正变小。",
      en: "True or false: even with a real pruning API, pruning only zeroes weights; the file shrinks only once it is stored sparsely or compressed.",
    },
    code: PRUNE_AND_QUANTIZE,
    correct: true,
    timeLimitSec: 30,
    explanation: {
      zh: "对。置零的权重在稠密张量里照样占 32 位。TensorFlow 模型优化工具包的做法是先用 strip_pruning 去掉剪枝包装，再用 gzip 等压缩，才能看到体积下降。",
      en: "True. A zeroed weight still takes 32 bits in a dense tensor. The TensorFlow Model Optimization guide strips the pruning wrappers and then compresses the file (e.g. with gzip) to see the savings.",
    },
  },
  {
    id: "cc-quantize-api",
    topic: "code-compression",
    difficulty: 3,
    type: "truefalse",
    prompt: {
      zh: "判断：这行是 TensorFlow 模型优化工具包的正确用法，调用后 model 本身就变成了 5 位量化模型。",
      en: "True or false: this line is valid TensorFlow Model Optimization usage, and afterwards model itself is a 5-bit model.",
    },
    code: QUANTIZE_CALL,
    correct: false,
    timeLimitSec: 30,
    explanation: {
      zh: "错。tfmot.quantization.keras.quantize_model 没有位宽参数，它默认做 8 位量化感知训练，并返回一个新模型；这里的 num_bits 是编造的，返回值也被丢掉了。部署时更常用 TFLite 转换器做 8 位整数量化。",
      en: "False. tfmot.quantization.keras.quantize_model has no bit-width argument: it sets up 8-bit quantization-aware training and returns a new model. num_bits is invented and the result is discarded. Deployment usually uses the TFLite converter's 8-bit integer quantization.",
    },
  },
  {
    id: "cc-five-bit-factor",
    topic: "code-compression",
    difficulty: 2,
    type: "numeric",
    prompt: {
      zh: "假设 32 位浮点权重真的按这里要求的位数量化，原来的权重体积是量化后的多少倍？",
      en: "Suppose 32-bit float weights really were quantized to the bit width requested here. By what factor would weight storage shrink?",
    },
    code: QUANTIZE_CALL,
    correct: 6.4,
    tolerance: 0.1,
    unit: { zh: "倍", en: "×" },
    timeLimitSec: 45,
    explanation: {
      zh: "32 ÷ 5 = 6.4，远超“缩小一半”的目标。但很少有硬件直接支持 5 位运算，实际部署通常用 8 位（变为 1/4）或 16 位（变为 1/2）。",
      en: "32 ÷ 5 = 6.4, far beyond the goal of halving the size. But few chips compute in 5 bits natively; real deployments use 8 bits (a quarter of the size) or 16 bits (half).",
    },
  },
  {
    id: "cc-pytorch-idioms",
    topic: "code-compression",
    difficulty: 3,
    type: "multiple",
    prompt: {
      zh: "这段 TensorFlow 代码里，哪些调用是 TensorFlow 对象并不支持的 PyTorch 写法？（多选）",
      en: "Which of these calls are PyTorch idioms that TensorFlow objects don't support? Select all that apply.",
    },
    code: DISTILL_LOOP,
    options: [
      { zh: "student_optimizer.zero_grad()", en: "student_optimizer.zero_grad()" },
      { zh: "tape.gradient(loss, ...)", en: "tape.gradient(loss, ...)" },
      { zh: "predicted.size(0)", en: "predicted.size(0)" },
      {
        zh: "student_optimizer.apply_gradients(...)",
        en: "student_optimizer.apply_gradients(...)",
      },
      { zh: "(predicted == y_train).sum().item()", en: "(predicted == y_train).sum().item()" },
    ],
    correct: [0, 2, 4],
    timeLimitSec: 60,
    explanation: {
      zh: "Keras 优化器没有 zero_grad()：GradientTape 每次都重新计算梯度，无需清零。TensorFlow 张量也没有 .size(0)、.sum() 和 .item()，应改用 tf.shape、tf.reduce_sum 和 .numpy()。",
      en: "Keras optimizers have no zero_grad(): GradientTape computes fresh gradients every time. TensorFlow tensors have no .size(0), .sum() or .item() either; use tf.shape, tf.reduce_sum and .numpy().",
    },
  },
  {
    id: "cc-argmax-unpack",
    topic: "code-compression",
    difficulty: 2,
    type: "single",
    prompt: {
      zh: "第一行 _, predicted = tf.argmax(...) 运行时会怎样？",
      en: "What happens when the first line, _, predicted = tf.argmax(...), runs?",
    },
    code: ACCURACY_LINES,
    options: [
      {
        zh: "正常：_ 是最大值，predicted 是下标",
        en: "Works: _ gets max values, predicted the indices",
      },
      {
        zh: "报错：tf.argmax 只返回下标",
        en: "Fails: tf.argmax returns only indices",
      },
      {
        zh: "正常：predicted 是每行的最大概率",
        en: "Works: predicted gets each row's top probability",
      },
      { zh: "正常运行，但只能在 CPU 上执行", en: "Works, but it can only run on the CPU" },
    ],
    correct: 1,
    timeLimitSec: 45,
    explanation: {
      zh: "torch.max(x, 1) 返回（最大值, 下标）二元组，而 tf.argmax 只返回下标张量；把长度为 N 的张量拆给两个变量会报 too many values to unpack。应写成 predicted = tf.argmax(..., axis=1)。",
      en: 'torch.max(x, 1) returns a (values, indices) pair, but tf.argmax returns just the indices; unpacking a length-N tensor into two names raises "too many values to unpack". Write predicted = tf.argmax(..., axis=1).',
    },
  },
  {
    id: "cc-temperature",
    topic: "code-compression",
    difficulty: 3,
    type: "text",
    prompt: {
      zh: "标准的知识蒸馏会把教师和学生的 logits 都除以一个大于 1 的超参数，让概率分布更“软”，这段代码漏掉了它。这个超参数叫什么？",
      en: "Standard distillation divides teacher and student logits by a hyperparameter above 1 to soften the probabilities; this code leaves it out. What is it called?",
    },
    code: DISTILL_STEP,
    accepted: ["温度", "温度参数", "温度系数", "temperature", "softmax temperature", "T"],
    timeLimitSec: 45,
    explanation: {
      zh: "温度 T 越高，softmax 分布越平滑，教师对“错误类别之间有多相似”的暗知识就越容易传给学生。Hinton 的做法还会把软目标损失乘以 T²，再与硬标签损失加权相加。",
      en: "A higher temperature T flattens the softmax, exposing the teacher's dark knowledge about how similar the wrong classes are. Hinton's recipe also scales the soft loss by T² and mixes in the usual hard-label loss.",
    },
  },
  {
    id: "cc-workflow-order",
    topic: "code-compression",
    difficulty: 3,
    type: "ordering",
    prompt: {
      zh: "这段代码把剪枝、量化、蒸馏一股脑堆在一起。请排出一个更合理的压缩流程。",
      en: "The listing piles pruning, quantization and distillation together. Put a sound compression workflow in order.",
    },
    code: PRUNE_AND_QUANTIZE,
    items: [
      { zh: "训练好全尺寸的原始模型", en: "Train the full-size original model" },
      { zh: "剪掉幅值小的权重", en: "Prune the low-magnitude weights" },
      { zh: "微调剪枝后的模型，恢复精度", en: "Fine-tune the pruned model to recover accuracy" },
      { zh: "把权重量化为 8 位整数", en: "Quantize the weights to 8-bit integers" },
      { zh: "在留出的测试集上评估", en: "Evaluate on a held-out test set" },
    ],
    timeLimitSec: 60,
    explanation: {
      zh: "先有训练好的模型，再剪枝并微调恢复精度，然后量化，最后在没参与训练的数据上检验。经典的 Deep Compression（Han 等，2016）也是先剪枝后量化；原代码则只在训练集上打印准确率。",
      en: "Start from a trained model, prune and fine-tune to recover, then quantize, and finally check on data the model never saw. The classic Deep Compression pipeline (Han et al., 2016) also prunes before quantizing; the listing only prints training accuracy.",
    },
  },
];
