import type { QuestionInput } from "../../schema";

// Deep-learning frameworks: who built them and what sets them apart.
export const frameworkQuestions: QuestionInput[] = [
  {
    id: "fw-pytorch-origin",
    topic: "frameworks",
    difficulty: 1,
    type: "single",
    prompt: {
      zh: "PyTorch 最初是由哪家机构开发的？",
      en: "Which organization originally developed PyTorch?",
    },
    options: [
      { zh: "Facebook（现 Meta）", en: "Facebook (now Meta)" },
      { zh: "谷歌（Google）", en: "Google" },
      { zh: "微软（Microsoft）", en: "Microsoft" },
      { zh: "Apache 软件基金会（ASF）", en: "Apache Software Foundation" },
    ],
    correct: 0,
    explanation: {
      zh: "PyTorch 出自 Facebook AI Research（FAIR），2016 年首次发布，2022 年起由 Linux 基金会下的 PyTorch 基金会管理。出自谷歌的是 TensorFlow。",
      en: "PyTorch came out of Facebook AI Research (FAIR) in 2016 and has been governed by the PyTorch Foundation, part of the Linux Foundation, since 2022. TensorFlow is the one from Google.",
    },
  },
  {
    id: "fw-tensorflow-name",
    topic: "frameworks",
    difficulty: 1,
    type: "text",
    prompt: {
      zh: "哪个深度学习框架由谷歌大脑团队开发，并以完整的服务端和移动端部署工具链著称？",
      en: "Which deep-learning framework was built by the Google Brain team and is known for its server and mobile deployment tooling?",
    },
    accepted: ["TensorFlow", "TF", "TensorFlow 2", "TF2"],
    explanation: {
      zh: "TensorFlow 于 2015 年开源，配有 TensorFlow Serving（服务端部署）和 TensorFlow Lite（移动与嵌入式设备）等工具，支持分布式训练，生态十分完整。",
      en: "TensorFlow was open-sourced in 2015. TensorFlow Serving (servers), TensorFlow Lite (mobile and embedded) and built-in distributed training give it a very complete ecosystem.",
    },
  },
  {
    id: "fw-keras-role",
    topic: "frameworks",
    difficulty: 2,
    type: "single",
    prompt: {
      zh: "如今 Keras 和 TensorFlow 是什么关系？",
      en: "How does Keras relate to TensorFlow today?",
    },
    options: [
      { zh: "TensorFlow 底层的 GPU 算子库", en: "TensorFlow's low-level GPU kernel library" },
      { zh: "谷歌维护的 PyTorch 分支", en: "A fork of PyTorch maintained by Google" },
      {
        zh: "TensorFlow 的官方高层 API",
        en: "TensorFlow's official high-level API",
      },
      { zh: "部署 TensorFlow 模型的云服务", en: "A cloud service for deploying TF models" },
    ],
    correct: 2,
    explanation: {
      zh: "Keras 最初是 François Chollet 编写的独立库，可以切换多种后端，后来成为 TensorFlow 的官方高层 API（tf.keras）。Keras 3 又重新支持 JAX、TensorFlow 和 PyTorch 三种后端。",
      en: "Keras began as François Chollet's independent multi-backend library and became TensorFlow's official high-level API (tf.keras). Keras 3 runs on JAX, TensorFlow or PyTorch again.",
    },
  },
  {
    id: "fw-mxnet-apache",
    topic: "frameworks",
    difficulty: 2,
    type: "truefalse",
    prompt: {
      zh: "判断：MXNet 是 Apache 软件基金会旗下的开源项目。",
      en: "True or false: MXNet is an Apache Software Foundation project.",
    },
    correct: true,
    explanation: {
      zh: "对。MXNet 起源于 DMLC 社区，2017 年进入 Apache 孵化器，亚马逊 AWS 曾大力支持它。该项目已于 2023 年退役，新项目很少再选用。",
      en: "True. MXNet grew out of the DMLC community, entered the Apache Incubator in 2017 and was backed by AWS. It was retired to the Apache Attic in 2023, so new projects rarely pick it.",
    },
  },
  {
    id: "fw-define-by-run",
    topic: "frameworks",
    difficulty: 2,
    type: "single",
    prompt: {
      zh: "哪个框架从一开始就采用“边运行边建图”的动态计算图，可以用普通的 Python 调试器单步调试模型？",
      en: "Which framework used dynamic, define-by-run graphs from the start, so you can step through a model with an ordinary Python debugger?",
    },
    options: [
      { zh: "Caffe", en: "Caffe" },
      { zh: "Theano", en: "Theano" },
      { zh: "TensorFlow 1.x", en: "TensorFlow 1.x" },
      { zh: "PyTorch", en: "PyTorch" },
    ],
    correct: 3,
    explanation: {
      zh: "PyTorch 在每次前向传播时即时构建计算图，出错时能直接定位到 Python 代码行。TensorFlow 1.x 要先定义静态图再放进 Session 运行，直到 TensorFlow 2 才默认即时执行（eager）。",
      en: "PyTorch builds the graph on the fly in every forward pass, so errors point at plain Python lines. TensorFlow 1.x built a static graph and ran it in a Session; eager execution became the default only in TensorFlow 2.",
    },
  },
  {
    id: "fw-true-statements",
    topic: "frameworks",
    difficulty: 2,
    type: "multiple",
    prompt: {
      zh: "关于深度学习框架，以下哪些说法正确？（多选）",
      en: "Which statements about deep-learning frameworks are true? Select all that apply.",
    },
    options: [
      { zh: "TensorFlow 2 默认即时执行（eager）", en: "TensorFlow 2 executes eagerly by default" },
      { zh: "Keras 只能运行在 TensorFlow 上", en: "Keras can only run on top of TensorFlow" },
      {
        zh: "PyTorch 2 可以用 torch.compile 加速模型",
        en: "PyTorch 2 can speed models up with torch.compile",
      },
      { zh: "MXNet 是微软推出的框架", en: "MXNet is a framework released by Microsoft" },
    ],
    correct: [0, 2],
    explanation: {
      zh: "TensorFlow 2 默认即时执行，PyTorch 2.0 引入了 torch.compile。Keras 3 可运行在 JAX、TensorFlow 或 PyTorch 上；微软的框架是 CNTK，MXNet 则是 Apache 项目。",
      en: "TensorFlow 2 runs eagerly by default and PyTorch 2.0 added torch.compile. Keras 3 runs on JAX, TensorFlow or PyTorch; Microsoft's framework was CNTK, while MXNet is an Apache project.",
    },
  },
];
