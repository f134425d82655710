import type { QuestionInput } from "../../schema";

// Building a large-model startup team: the capabilities it needs and what happens without them.
export const startupTeamQuestions: QuestionInput[] = [
  {
    id: "st-core-capabilities",
    topic: "startup-team",
    difficulty: 1,
    type: "multiple",
    prompt: {
      zh: "原文认为大模型创业团队需要哪些核心能力？（多选）",
      en: "Which does the article name as core capabilities of a large-model startup team? Select all that apply.",
    },
    options: [
      { zh: "算法：设计和优化模型", en: "Algorithms: designing and tuning models" },
      { zh: "制造：自建芯片工厂", en: "Manufacturing: running its own chip fab" },
      { zh: "数据：大规模收集和清洗数据", en: "Data: collecting and cleaning it at scale" },
      { zh: "业务：理解场景和用户需求", en: "Business: understanding users and use cases" },
      { zh: "零售：在每个城市开设门店", en: "Retail: opening a shop in every city" },
    ],
    correct: [0, 2, 3],
    explanation: {
      zh: "原文列出五项：算法、数据、业务理解、技术实现（掌握框架并部署模型）和商业模式设计。造芯片、开门店都不是模型创业团队的核心能力。",
      en: "The article lists five: algorithms, data, business understanding, engineering (frameworks and deployment) and business-model design. Chip fabs and shops are not what a model startup is built around.",
    },
  },
  {
    id: "st-data-gap",
    topic: "startup-team",
    difficulty: 1,
    type: "single",
    prompt: {
      zh: "某团队研究员实力很强，模型效果却一直很差，排查后发现训练数据噪声大、标注混乱。团队最缺哪项能力？",
      en: "A team of strong researchers keeps getting poor results; the training data turns out noisy and badly labeled. Which capability is missing?",
    },
    options: [
      { zh: "算法设计", en: "Algorithm design" },
      { zh: "数据处理", en: "Data handling" },
      { zh: "商业模式设计", en: "Business-model design" },
      { zh: "模型部署", en: "Model deployment" },
    ],
    correct: 1,
    explanation: {
      zh: "数据能力指能收集、清洗和处理大规模数据。再好的算法也救不了质量差的数据，所谓“垃圾进，垃圾出”。",
      en: "Data capability means collecting, cleaning and processing data at scale. No algorithm rescues bad data: garbage in, garbage out.",
    },
  },
  {
    id: "st-domain-fit",
    topic: "startup-team",
    difficulty: 2,
    type: "single",
    prompt: {
      zh: "某团队的医学影像模型准确率很高，但医生不愿使用，因为它和临床工作流程格格不入。团队最薄弱的是哪项能力？",
      en: "A team's medical-imaging model is very accurate, but doctors won't use it because it clashes with their clinical workflow. Which capability was weakest?",
    },
    options: [
      { zh: "算法设计与调优", en: "Algorithm design and tuning" },
      { zh: "模型压缩", en: "Model compression" },
      { zh: "数据处理", en: "Data handling" },
      { zh: "业务理解", en: "Business understanding" },
    ],
    correct: 3,
    explanation: {
      zh: "业务理解是把模型用到真实场景的前提：要弄清用户是谁、在什么流程里使用、痛点在哪里。准确率再高，没人用也创造不了价值。",
      en: "Business understanding means knowing who the users are, what workflow they follow and what hurts. An accurate model that nobody uses creates no value.",
    },
  },
  {
    id: "st-business-sense",
    topic: "startup-team",
    difficulty: 1,
    type: "truefalse",
    prompt: {
      zh: "判断：除了技术能力，原文还把“能设计可持续商业模式的市场敏锐度”列为团队核心能力之一。",
      en: "True or false: besides technical skills, the article counts the market sense to design a sustainable business model as a core team capability.",
    },
    correct: true,
    explanation: {
      zh: "对。商业模式是原文五项核心能力中的最后一项：技术再强，也需要有人想清楚怎样持续赚钱。",
      en: "True. Business-model design is the fifth of the article's core capabilities: strong technology still needs someone who works out how it keeps paying for itself.",
    },
  },
  {
    id: "st-data-labeling",
    topic: "startup-team",
    difficulty: 2,
    type: "text",
    prompt: {
      zh: "为监督学习给原始样本配上正确答案（比如标出图片里是猫还是狗），这项数据工作叫什么？",
      en: 'Attaching the correct answer to each raw sample for supervised learning (e.g. marking a photo "cat" or "dog") is called what?',
    },
    accepted: [
      "标注",
      "数据标注",
      "打标",
      "打标签",
      "labeling",
      "labelling",
      "data labeling",
      "data labelling",
      "annotation",
      "data annotation",
    ],
    explanation: {
      zh: "数据标注往往是 AI 项目中成本最高的环节之一。标注质量决定了监督学习模型的上限，所以数据能力也包括制定标注规范和质检流程。",
      en: "Labeling is often one of the most expensive parts of an AI project. Label quality caps what a supervised model can learn, so data capability includes labeling guidelines and quality checks.",
    },
  },
];
