import type { QuestionInput } from "../../schema";

// Technical innovation directions: compression, interpretability, multimodality, GANs, RL.
export const innovationQuestions: QuestionInput[] = [
  {
    id: "in-compression-techniques",
    topic: "innovation",
    difficulty: 1,
    type: "multiple",
    prompt: {
      zh: "以下哪些技术可以减小训练好的模型的体积？（多选）",
      en: "Which techniques shrink a trained model? Select all that apply.",
    },
    options: [
      { zh: "数据增强", en: "Data augmentation" },
      { zh: "剪枝", en: "Pruning" },
      { zh: "量化", en: "Quantization" },
      { zh: "批量归一化", en: "Batch normalization" },
      { zh: "知识蒸馏", en: "Knowledge distillation" },
    ],
    correct: [1, 2, 4],
    explanation: {
      zh: "剪枝删掉不重要的权重，量化用更少的位数存储每个权重，蒸馏让小的学生模型模仿大的教师模型。数据增强和批量归一化改善的是训练效果，而不是模型大小。",
      en: "Pruning removes unimportant weights, quantization stores each weight in fewer bits, and distillation trains a small student to imitate a large teacher. Augmentation and batch norm improve training, not size.",
    },
  },
  {
    id: "in-int8-factor",
    topic: "innovation",
    difficulty: 1,
    type: "numeric",
    prompt: {
      zh: "把权重从 32 位浮点数量化为 8 位整数后，原来的存储空间是量化后的多少倍？",
      en: "Weights go from 32-bit floats to 8-bit integers. By what factor does their storage shrink?",
    },
    correct: 4,
    tolerance: 0,
    unit: { zh: "倍", en: "×" },
    explanation: {
      zh: "32 ÷ 8 = 4，权重只占原来的四分之一。INT8 量化通常只带来很小的精度损失，是部署时最常用的压缩手段之一。",
      en: "32 ÷ 8 = 4, so the weights take a quarter of the space. INT8 quantization usually costs little accuracy and is one of the most common deployment optimizations.",
    },
  },
  {
    id: "in-multimodal",
    topic: "innovation",
    difficulty: 1,
    type: "text",
    prompt: {
      zh: "能同时处理文本、图像、语音等多种数据的模型，称为什么模型？",
      en: "What do we call a model that takes in several kinds of data at once, such as text, images and audio?",
    },
    accepted: [
      "多模态",
      "多模态模型",
      "多模态融合",
      "multimodal",
      "multimodal model",
      "multimodal fusion",
    ],
    explanation: {
      zh: "多模态融合把不同来源的信息结合起来，例如看图回答问题，或结合声音和画面理解视频。GPT-4o、Gemini 等都是多模态模型。",
      en: "Multimodal fusion combines information from different sources, e.g. answering questions about an image or understanding video from sound and frames together. GPT-4o and Gemini are multimodal.",
    },
  },
  {
    id: "in-gan-pair",
    topic: "innovation",
    difficulty: 1,
    type: "single",
    prompt: {
      zh: "生成对抗网络（GAN）由哪两个相互对抗的网络组成？",
      en: "Which two networks compete in a generative adversarial network (GAN)?",
    },
    options: [
      { zh: "生成器和判别器", en: "Generator and discriminator" },
      { zh: "编码器和解码器", en: "Encoder and decoder" },
      { zh: "教师模型和学生模型", en: "Teacher and student" },
      { zh: "策略网络和价值网络", en: "Policy network and value network" },
    ],
    correct: 0,
    explanation: {
      zh: "生成器努力造出以假乱真的样本，判别器努力分辨真假，二者在对抗中共同进步。GAN 由 Ian Goodfellow 等人于 2014 年提出，如今图像生成领域已主要由扩散模型接棒。",
      en: "The generator tries to produce convincing fakes and the discriminator tries to tell real from fake; each improves by competing. Ian Goodfellow and colleagues proposed GANs in 2014; diffusion models now lead image generation.",
    },
  },
  {
    id: "in-saliency-map",
    topic: "innovation",
    difficulty: 2,
    type: "truefalse",
    prompt: {
      zh: "判断：显著性图（saliency map）高亮出对预测影响最大的输入像素，是一种提升模型可解释性的方法。",
      en: "True or false: a saliency map, which highlights the input pixels that most influenced a prediction, is a model-interpretability technique.",
    },
    correct: true,
    explanation: {
      zh: "对。显著性图、SHAP、LIME 等方法都在回答“模型为什么这样判断”。在金融、医疗等领域，可解释性有助于赢得用户信任，也便于满足监管要求。",
      en: 'True. Saliency maps, SHAP and LIME all answer "why did the model decide this?". In finance and healthcare, such explanations build user trust and help satisfy regulators.',
    },
  },
  {
    id: "in-rl-signal",
    topic: "innovation",
    difficulty: 2,
    type: "single",
    prompt: {
      zh: "强化学习中，智能体主要从什么信号中学习？",
      en: "In reinforcement learning, what signal does the agent mainly learn from?",
    },
    options: [
      { zh: "人工标注好的输入-输出对", en: "Human-labeled input-output pairs" },
      { zh: "教师模型输出的软标签", en: "Soft labels from a teacher model" },
      { zh: "判别器给出的真假判断", en: "A discriminator's real-or-fake verdicts" },
      { zh: "与环境交互得到的奖励", en: "Rewards from acting in an environment" },
    ],
    correct: 3,
    explanation: {
      zh: "智能体在环境中采取行动，根据得到的奖励调整策略。人工标注的数据对应监督学习，软标签对应知识蒸馏，判别器对应 GAN。",
      en: "An RL agent acts in an environment and adjusts its policy by the rewards it receives. Labeled pairs belong to supervised learning, soft labels to distillation, a discriminator to GANs.",
    },
  },
  {
    id: "in-rlhf-reward-model",
    topic: "innovation",
    difficulty: 3,
    type: "truefalse",
    prompt: {
      zh: "判断：在 RLHF（基于人类反馈的强化学习）中，训练时模型生成的每一条回答都由人工逐条打分。",
      en: "True or false: in RLHF (reinforcement learning from human feedback), humans score every response the model generates during training.",
    },
    correct: false,
    explanation: {
      zh: "错。人类只对一部分回答做比较排序，用来训练一个奖励模型；强化学习阶段由奖励模型自动给回答打分。ChatGPT 等对话模型就是这样对齐人类偏好的。",
      en: "False. Humans rank a sample of responses to train a reward model, and that model scores responses during the RL phase. Chat models such as ChatGPT were aligned with human preferences this way.",
    },
  },
];
