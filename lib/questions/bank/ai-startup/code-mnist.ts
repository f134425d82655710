import type { QuestionInput } from "../../schema";

// The article's MNIST listing (Keras and PyTorch versions), quoted as it stands, bugs included.

const KERAS_LAYERS = (lastActivation: string): string => `model = tf.keras.Sequential([
    layers.Flatten(input_shape=(28, 28)),
    layers.Dense(128, activation='relu'),
    layers.Dense(10, activation='${lastActivation}')
])`;

const KERAS_MODEL = KERAS_LAYERS("softmax");

const KERAS_COMPILE = `model.compile(optimizer='adam',
              loss='sparse_categorical_crossentropy',
              metrics=['accuracy'])

model.fit(x_train, y_train, epochs=5)`;

const TORCH_IMPORTS = `import torch
import torch.nn as nn
import torch.optim as optim`;

const TORCH_NET = `class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = x.view(-1, 784)
        x = F.relu(self.fc1(x))
        x = self.fc2(x)
        return x`;

const TORCH_LOOP = `model = Net()
criterion = nn.CrossEntropyLoss()
optimizer = optim.Adam(model.parameters(), lr=0.001)

for epoch in range(5):
    optimizer.zero_grad()
    outputs = model(x_train)
    loss = criterion(outputs, y_train)
    loss.backward()
    optimizer.step()

    _, predicted = torch.max(outputs.data, 1)
    total = predicted.size(0)
    correct = (predicted == y_train).sum().item()
    print('Accuracy:', correct / total)`;

const TORCH_FORWARD_AND_LOSS = `def forward(self, x):
    x = x.view(-1, 784)
    x = F.relu(self.fc1(x))
    x = self.fc2(x)
    return x

criterion = nn.CrossEntropyLoss()`;

export const codeMnistQuestions: QuestionInput[] = [
  {
    id: "cm-flatten-size",
    topic: "code-mnist",
    difficulty: 1,
    type: "numeric",
    prompt: {
      zh: "Flatten 层把每张 28×28 的图片展平成多长的向量？",
      en: "The Flatten layer turns each 28×28 image into a vector of how many values?",
    },
    code: KERAS_MODEL,
    correct: 784,
    tolerance: 0,
    unit: { zh: "个数", en: "values" },
    timeLimitSec: 30,
    explanation: {
      zh: "28 × 28 = 784。所以 PyTorch 版本的第一层写作 nn.Linear(784, 128)，前向传播里也用 x.view(-1, 784) 展平。",
      en: "28 × 28 = 784, which is why the PyTorch version starts with nn.Linear(784, 128) and flattens with x.view(-1, 784).",
    },
  },
  {
    id: "cm-shape-flow",
    topic: "code-mnist",
    difficulty: 1,
    type: "ordering",
    prompt: {
      zh: "按数据流经这个模型的顺序，排列单个样本依次呈现的形态。",
      en: "Order the forms one sample takes as it flows through this model.",
    },
    code: KERAS_MODEL,
    items: [
      { zh: "28×28 的灰度图", en: "A 28×28 grayscale image" },
      { zh: "784 个数的向量", en: "A vector of 784 values" },
      { zh: "128 个 ReLU 激活值", en: "128 ReLU activations" },
      { zh: "10 个类别的概率", en: "10 class probabilities" },
    ],
    timeLimitSec: 30,
    explanation: {
      zh: "Flatten 把图片展平成 784 个数，Dense(128) 配合 ReLU 提取特征，最后的 Dense(10) 用 softmax 给出 10 个数字各自的概率。",
      en: "Flatten unrolls the image into 784 values, Dense(128) with ReLU extracts features, and Dense(10) with softmax gives a probability for each of the ten digits.",
    },
  },
  {
    id: "cm-dense-params",
    topic: "code-mnist",
    difficulty: 3,
    type: "numeric",
    prompt: {
      zh: "Dense(128) 这一层有多少个可训练参数（权重加偏置）？",
      en: "How many trainable parameters (weights plus biases) does the Dense(128) layer have?",
    },
    code: KERAS_MODEL,
    correct: 100480,
    tolerance: 0,
    unit: { zh: "个参数", en: "parameters" },
    timeLimitSec: 60,
    explanation: {
      zh: "128 个单元各连 784 个输入，再各加 1 个偏置：784 × 128 + 128 = 100,480。整个模型共 101,770 个参数，按 32 位浮点存储约 400 KB。",
      en: "Each of the 128 units has 784 weights plus one bias: 784 × 128 + 128 = 100,480. The whole model has 101,770 parameters, about 400 KB as 32-bit floats.",
    },
  },
  {
    id: "cm-softmax-blank",
    topic: "code-mnist",
    difficulty: 1,
    type: "text",
    prompt: {
      zh: "最后一层要把 10 个分数变成和为 1 的概率。空白处应填哪个激活函数？",
      en: "The last layer must turn 10 scores into probabilities that sum to 1. Which activation goes in the blank?",
    },
    code: KERAS_LAYERS("____"),
    accepted: ["softmax", "tf.nn.softmax", "softmax函数", "归一化指数函数"],
    timeLimitSec: 30,
    explanation: {
      zh: "softmax 对每个分数取指数再除以总和，得到一个概率分布。ReLU 和 sigmoid 都不能保证 10 个输出之和为 1。",
      en: "Softmax exponentiates each score and divides by the total, yielding a probability distribution. Neither ReLU nor sigmoid makes ten outputs sum to 1.",
    },
  },
  {
    id: "cm-sparse-labels",
    topic: "code-mnist",
    difficulty: 2,
    type: "single",
    prompt: {
      zh: "模型输出 softmax 概率，损失函数是 sparse_categorical_crossentropy。y_train 应该是什么格式？",
      en: "The model outputs softmax probabilities and uses sparse_categorical_crossentropy. What should y_train contain?",
    },
    code: `${KERAS_MODEL}\n\n${KERAS_COMPILE}`,
    options: [
      { zh: "0 到 9 的整数类别编号", en: "Integer class ids from 0 to 9" },
      { zh: "长度为 10 的 one-hot 向量", en: "One-hot vectors, each of length 10" },
      { zh: "和 x_train 一样的 28×28 图片", en: "28×28 images, like x_train" },
      { zh: "未经 softmax 的原始分数", en: "Raw scores before softmax" },
    ],
    correct: 0,
    timeLimitSec: 40,
    explanation: {
      zh: "“sparse”表示标签是整数类别编号；标签若是 one-hot 向量，就要改用 categorical_crossentropy。两者用混通常会报形状不匹配的错误。",
      en: '"Sparse" means the labels are integer class ids; one-hot labels need categorical_crossentropy instead. Mixing them up usually fails with a shape error.',
    },
  },
  {
    id: "cm-missing-import",
    topic: "code-mnist",
    difficulty: 2,
    type: "single",
    prompt: {
      zh: "第一次前向传播时程序抛出 NameError。在开头加上哪一行可以修复？",
      en: "The first forward pass raises a NameError. Which line, added at the top, fixes it?",
    },
    code: `${TORCH_IMPORTS}\n\n${TORCH_NET}`,
    options: [
      { zh: "from torch import F", en: "from torch import F" },
      { zh: "import torch.nn.functional.relu as F", en: "import torch.nn.functional.relu as F" },
      { zh: "import torch.nn.functional as F", en: "import torch.nn.functional as F" },
      { zh: "from torch.nn import ReLU as F", en: "from torch.nn import ReLU as F" },
    ],
    correct: 2,
    timeLimitSec: 45,
    explanation: {
      zh: "代码调用了 F.relu，却只导入了 torch、torch.nn 和 torch.optim。PyTorch 的惯例是 import torch.nn.functional as F；也可以直接改用 torch.relu。",
      en: "The code calls F.relu but only imports torch, torch.nn and torch.optim. The PyTorch convention is import torch.nn.functional as F; calling torch.relu would also work.",
    },
  },
  {
    id: "cm-logits-to-loss",
    topic: "code-mnist",
    difficulty: 2,
    type: "truefalse",
    prompt: {
      zh: "判断：forward() 必须在最后加上 softmax，否则 CrossEntropyLoss 算出的损失是错的。",
      en: "True or false: forward() must end with a softmax, or CrossEntropyLoss computes the wrong loss.",
    },
    code: TORCH_FORWARD_AND_LOSS,
    correct: false,
    timeLimitSec: 30,
    explanation: {
      zh: "错。nn.CrossEntropyLoss 内部已经做了 log-softmax，要求输入未经归一化的原始分数（logits）。再加一层 softmax 等于做了两次，会让梯度变平、训练变慢。",
      en: "False. nn.CrossEntropyLoss applies log-softmax internally and expects raw logits. Adding a softmax applies it twice, which flattens the gradients and slows training.",
    },
  },
  {
    id: "cm-full-batch",
    topic: "code-mnist",
    difficulty: 3,
    type: "single",
    prompt: {
      zh: "假设 x_train 是全部 60,000 张训练图片，这个循环每次迭代做了什么？",
      en: "If x_train holds all 60,000 training images, what does each iteration of this loop do?",
    },
    code: TORCH_LOOP,
    options: [
      { zh: "按每批 32 张把数据完整过一遍", en: "A full pass in mini-batches of 32" },
      { zh: "每张图片各更新一次参数", en: "One update per image, 60,000 in all" },
      { zh: "用全部 60,000 张图片更新一次", en: "One update using all 60,000 images" },
      { zh: "什么也不做：zero_grad 抵消了更新", en: "Nothing: zero_grad() undoes the step" },
    ],
    correct: 2,
    timeLimitSec: 45,
    explanation: {
      zh: "循环里没有划分小批量，每个 epoch 把整个训练集一次性送入网络，只更新一次参数，5 个 epoch 总共只更新 5 次，而且非常占内存。应该用 DataLoader 按小批量迭代。",
      en: "Nothing splits the data into batches, so each epoch pushes the whole set through at once and makes one update: five updates in total, with a huge memory footprint. Iterate over a DataLoader of mini-batches instead.",
    },
  },
  {
    id: "cm-listing-flaws",
    topic: "code-mnist",
    difficulty: 3,
    type: "multiple",
    prompt: {
      zh: "这段 PyTorch 代码有哪些真正的问题？（多选）",
      en: "Which of these are real problems in this PyTorch code? Select all that apply.",
    },
    code: `${TORCH_IMPORTS}\n\n${TORCH_NET}\n\n${TORCH_LOOP}`,
    options: [
      { zh: "用了 F.relu，却没有导入 F", en: "F.relu is used but F is never imported" },
      {
        zh: "交给 CrossEntropyLoss 的输出没做 softmax",
        en: "CrossEntropyLoss gets outputs without softmax",
      },
      { zh: "准确率是在训练数据上算的", en: "Accuracy is measured on the training data" },
      { zh: "在 backward() 之前调用了 zero_grad()", en: "zero_grad() is called before backward()" },
      {
        zh: "每个 epoch 把全部数据当作一个批次",
        en: "Each epoch feeds all data as a single batch",
      },
    ],
    correct: [0, 2, 4],
    timeLimitSec: 60,
    explanation: {
      zh: "缺少导入、全量单批训练、在训练集上算准确率都是真问题，应该在留出的测试集上评估。把 logits 直接交给 CrossEntropyLoss、每步先清零梯度，恰恰是正确写法。",
      en: "The missing import, the single full-data batch and scoring accuracy on training data are real problems; evaluate on a held-out test set. Passing logits to CrossEntropyLoss and zeroing gradients each step are exactly right.",
    },
  },
];
