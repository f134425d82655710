import type { QuestionInput } from "../../schema";

// Business models: SaaS, B2B, B2C and open source, and how each one earns.
export const businessModelQuestions: QuestionInput[] = [
  {
    id: "bm-bank-contract",
    topic: "business-models",
    difficulty: 1,
    type: "single",
    prompt: {
      zh: "一家初创公司按项目合同，为某家银行定制反欺诈模型。这属于哪种商业模式？",
      en: "A startup builds a custom fraud-detection model for one bank under a project contract. Which business model is this?",
    },
    options: [
      { zh: "B2C：面向个人用户的应用", en: "B2C: an app for individual consumers" },
      { zh: "开源：由社区共建模型", en: "Open source: a community builds the model" },
      { zh: "B2B：为企业定制的解决方案", en: "B2B: a custom solution for a business" },
      { zh: "SaaS：按调用付费的通用 API", en: "SaaS: a general-purpose pay-per-call API" },
    ],
    correct: 2,
    explanation: {
      zh: "为特定企业定制模型、按项目收费是典型的 B2B，原文举的例子是金融风控和医疗诊断。这类业务单笔金额大，但交付周期长，难以规模化复制。",
      en: "Building a model for one company and billing per project is classic B2B; the article's examples are financial risk control and medical diagnosis. Deals are large but slow to deliver and hard to repeat at scale.",
    },
  },
  {
    id: "bm-hosted-api",
    topic: "business-models",
    difficulty: 1,
    type: "single",
    prompt: {
      zh: "开发者注册后即可调用托管的语音识别接口，按调用次数或月度订阅付费。这属于哪种商业模式？",
      en: "Developers sign up and call a hosted speech-recognition API, paying per call or by monthly subscription. Which business model is this?",
    },
    options: [
      { zh: "B2B：为企业定制的解决方案", en: "B2B: a custom solution for a business" },
      { zh: "SaaS：在线提供模型服务", en: "SaaS: model access as an online service" },
      { zh: "开源：免费公开模型权重", en: "Open source: weights published for free" },
      { zh: "B2C：面向个人用户的应用", en: "B2C: an app for individual consumers" },
    ],
    correct: 1,
    explanation: {
      zh: "SaaS（软件即服务）把模型能力包装成在线服务，客户无需自己部署，按用量或订阅付费。边际成本低、容易扩张，许多模型公司的 API 业务就是这种形态。",
      en: "SaaS (software as a service) packages model capability as an online service: customers deploy nothing and pay by usage or subscription. Low marginal cost makes it scale, which is why many model companies sell APIs.",
    },
  },
  {
    id: "bm-b2b-examples",
    topic: "business-models",
    difficulty: 2,
    type: "multiple",
    prompt: {
      zh: "以下哪些属于 B2B 业务？（多选）",
      en: "Which of these are B2B offerings? Select all that apply.",
    },
    options: [
      { zh: "为银行定制的信用风险模型", en: "A credit-risk model built for a bank" },
      {
        zh: "在应用商店卖给个人的聊天助手",
        en: "A chat assistant sold to individuals in an app store",
      },
      {
        zh: "为连锁医院部署的影像诊断系统",
        en: "An imaging-diagnosis system for a hospital chain",
      },
      { zh: "面向学生的作业辅导 App", en: "A homework-helper app for students" },
      { zh: "为工厂开发的视觉质检系统", en: "A visual quality-inspection system for a factory" },
    ],
    correct: [0, 2, 4],
    explanation: {
      zh: "B2B 的客户是企业或机构（银行、医院、工厂），B2C 的客户是个人（聊天助手、学习 App 的用户）。同一个模型可以两条路都走，但销售方式和产品形态截然不同。",
      en: "B2B customers are organizations such as banks, hospitals and factories; B2C customers are individuals using chat or learning apps. One model can serve both, but the sales process and product differ sharply.",
    },
  },
  {
    id: "bm-b2c-abbreviation",
    topic: "business-models",
    difficulty: 1,
    type: "text",
    prompt: {
      zh: "直接面向个人消费者提供产品（如智能助手、教育应用）的商业模式，常用哪个三字符的英文缩写表示？",
      en: "Selling directly to individual consumers, e.g. a smart assistant or an education app, goes by which three-character abbreviation?",
    },
    accepted: ["B2C", "toC", "2C", "business to consumer", "企业对消费者", "企业对个人"],
    explanation: {
      zh: "B2C 即 Business to Consumer（企业对消费者）。面向个人的产品用户规模可以很大，但获客成本高，用户留存也是难题。",
      en: "B2C means business to consumer. Consumer products can reach huge audiences, but acquiring users is expensive and keeping them is hard.",
    },
  },
  {
    id: "bm-open-source-revenue",
    topic: "business-models",
    difficulty: 2,
    type: "truefalse",
    prompt: {
      zh: "判断：开源模型的公司主要靠向下载模型权重的用户收取许可费来赚钱。",
      en: "True or false: companies that open-source a model mainly earn money by charging license fees to those who download the weights.",
    },
    correct: false,
    explanation: {
      zh: "错。开源的价值在于吸引开发者、形成社区和生态，并借助社区反馈改进模型；收入通常来自托管服务、企业版功能、技术支持或定制开发。",
      en: "False. Open source pays off by attracting developers, building a community and ecosystem, and improving the model through their feedback; revenue usually comes from hosting, enterprise features, support or custom work.",
    },
  },
  {
    id: "bm-usage-bill",
    topic: "business-models",
    difficulty: 2,
    type: "numeric",
    prompt: {
      zh: "某大模型 API 按每 1000 个 token 收费 0.002 美元。一位客户本月用了 500 万个 token，应付多少美元？",
      en: "A model API charges $0.002 per 1,000 tokens. A customer used 5 million tokens this month. How many dollars do they owe?",
    },
    correct: 10,
    tolerance: 0,
    unit: { zh: "美元", en: "USD" },
    explanation: {
      zh: "500 万 ÷ 1000 = 5000 个计费单位，5000 × 0.002 = 10 美元。按用量计费让客户可以从小规模起步，收入随使用量一起增长。",
      en: "5,000,000 ÷ 1,000 = 5,000 billing units, and 5,000 × $0.002 = $10. Usage pricing lets customers start small while revenue grows with their usage.",
    },
  },
];
