import type { QuestionInput } from "../../schema";

// What large AI models are: scale, how they learn, what they are built on.
export const largeModelQuestions: QuestionInput[] = [
  {
    id: "lm-parameter-scale",
    topic: "large-models",
    difficulty: 1,
    type: "single",
    prompt: {
      zh: "“大模型”的“大”，通常指参数量达到什么量级？",
      en: 'What parameter count usually makes a model "large"?',
    },
    options: [
      { zh: "几百到几千", en: "Hundreds to thousands" },
      { zh: "几十万到几百万", en: "Hundreds of thousands to millions" },
      { zh: "几十亿到几千亿", en: "Billions to hundreds of billions" },
      { zh: "一千万亿以上", en: "Over a quadrillion" },
    ],
    correct: 2,
    explanation: {
      zh: "大模型一般指参数量在数十亿到数千亿的神经网络，例如 GPT-3 有 1750 亿个参数。参数越多，表示能力越强，训练和部署的成本也越高。",
      en: "Large models typically have billions to hundreds of billions of parameters; GPT-3 has 175 billion. More parameters bring more representational power, and higher training and serving costs.",
    },
  },
  {
    id: "lm-learned-features",
    topic: "large-models",
    difficulty: 1,
    type: "truefalse",
    prompt: {
      zh: "判断：大模型主要依靠领域专家手工设计的特征来完成任务。",
      en: "True or false: large models mainly rely on features hand-crafted by domain experts.",
    },
    correct: false,
    explanation: {
      zh: "错。深度学习模型直接从海量数据中自动学习特征和模式，这正是它取代传统手工特征工程的原因。",
      en: "False. Deep-learning models learn features and patterns automatically from large amounts of data, which is why they displaced hand-crafted feature engineering.",
    },
  },
  {
    id: "lm-fp16-weight-memory",
    topic: "large-models",
    difficulty: 2,
    type: "numeric",
    prompt: {
      zh: "一个 70 亿参数的模型，每个参数用 16 位浮点数（FP16）存储，仅权重大约占多少 GB？",
      en: "A 7-billion-parameter model stores each weight as a 16-bit float (FP16). Roughly how many GB do the weights alone take?",
    },
    correct: 14,
    tolerance: 1,
    unit: { zh: "GB", en: "GB" },
    explanation: {
      zh: "16 位等于 2 字节，70 亿 × 2 字节 = 140 亿字节，约 14 GB（约 13 GiB）。推理时还需要额外的显存存放激活值和 KV 缓存。",
      en: "16 bits is 2 bytes, so 7 billion × 2 bytes = 14 billion bytes, about 14 GB (13 GiB). Inference needs extra memory on top for activations and the KV cache.",
    },
  },
  {
    id: "lm-size-ordering",
    topic: "large-models",
    difficulty: 2,
    type: "ordering",
    prompt: {
      zh: "按参数量从少到多排列这些模型。",
      en: "Order these models from fewest to most parameters.",
    },
    items: [
      { zh: "本文的 MNIST 手写数字分类器", en: "The article's MNIST digit classifier" },
      { zh: "谷歌的 BERT-base", en: "Google's BERT-base" },
      { zh: "OpenAI 的 GPT-2（最大版本）", en: "OpenAI's GPT-2 (largest version)" },
      { zh: "OpenAI 的 GPT-3", en: "OpenAI's GPT-3" },
    ],
    explanation: {
      zh: "文中的两层全连接网络约 10 万个参数，BERT-base 约 1.1 亿，GPT-2 最大版本约 15 亿，GPT-3 达到 1750 亿，前后相差六个多数量级。",
      en: "The article's two-layer network has about 100 thousand parameters, BERT-base 110 million, the largest GPT-2 1.5 billion and GPT-3 175 billion: over six orders of magnitude apart.",
    },
  },
  {
    id: "lm-which-are-llms",
    topic: "large-models",
    difficulty: 2,
    type: "multiple",
    prompt: {
      zh: "以下哪些是大语言模型？（多选）",
      en: "Which of these are large language models? Select all that apply.",
    },
    options: [
      { zh: "GPT-3（出自 OpenAI）", en: "GPT-3 (from OpenAI)" },
      { zh: "ResNet-50（出自微软研究院）", en: "ResNet-50 (from Microsoft Research)" },
      { zh: "LLaMA（出自 Meta）", en: "LLaMA (from Meta)" },
      { zh: "LeNet-5（出自贝尔实验室）", en: "LeNet-5 (from Bell Labs)" },
      { zh: "PaLM（出自谷歌）", en: "PaLM (from Google)" },
    ],
    correct: [0, 2, 4],
    explanation: {
      zh: "GPT-3、LLaMA 和 PaLM 都是数十亿到数千亿参数的语言模型。ResNet-50 是约 2500 万参数的图像分类网络，LeNet-5 则是 1998 年提出的小型手写数字识别网络。",
      en: "GPT-3, LLaMA and PaLM are language models with billions to hundreds of billions of parameters. ResNet-50 is an image classifier of about 25 million parameters; LeNet-5 is a small 1998 digit recognizer.",
    },
  },
  {
    id: "lm-gpt-transformer",
    topic: "large-models",
    difficulty: 1,
    type: "text",
    prompt: {
      zh: "GPT 中的字母 T 代表哪种神经网络架构？",
      en: "The T in GPT names a neural-network architecture. Which one?",
    },
    accepted: ["Transformer", "Transformers", "变换器", "转换器"],
    explanation: {
      zh: "GPT 是 Generative Pre-trained Transformer（生成式预训练 Transformer）的缩写。Transformer 出自 2017 年的论文《Attention Is All You Need》，如今几乎所有大语言模型都以它为基础。",
      en: 'GPT stands for Generative Pre-trained Transformer. The Transformer, introduced in the 2017 paper "Attention Is All You Need", underlies almost every large language model today.',
    },
  },
];
