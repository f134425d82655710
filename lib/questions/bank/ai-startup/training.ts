import type { QuestionInput } from "../../schema";

// Model training: the workflow, the loop, and the tricks that make it work.
export const trainingQuestions: QuestionInput[] = [
  {
    id: "tr-workflow-order",
    topic: "training",
    difficulty: 1,
    type: "ordering",
    prompt: {
      zh: "把训练一个模型的四个步骤按顺序排列。",
      en: "Put the four steps of training a model in order.",
    },
    items: [
      {
        zh: "预处理数据，转换成模型能读取的格式",
        en: "Preprocess data into a format the model accepts",
      },
      {
        zh: "构建模型：设计网络结构并初始化参数",
        en: "Build the model: design it, initialize weights",
      },
      {
        zh: "训练：反复计算损失和梯度并更新参数",
        en: "Train: compute loss and gradients, update weights",
      },
      {
        zh: "评估：在验证集上检验并调整超参数",
        en: "Evaluate on a validation set, tune hyperparameters",
      },
    ],
    explanation: {
      zh: "先准备数据，再搭建网络，然后迭代训练，最后在验证集上评估。评估结果通常会让你回头调整超参数，再训练一轮。",
      en: "Data first, then the network, then iterative training, then evaluation on a validation set, whose results usually send you back to adjust hyperparameters and train again.",
    },
  },
  {
    id: "tr-torch-step-order",
    topic: "training",
    difficulty: 2,
    type: "ordering",
    prompt: {
      zh: "把 PyTorch 一次训练迭代中的这四步按正确顺序排列。",
      en: "Put these four steps of one PyTorch training iteration in order.",
    },
    items: [
      { zh: "前向传播：outputs = model(x)", en: "Forward pass: outputs = model(x)" },
      { zh: "计算损失：loss = criterion(outputs, y)", en: "Loss: loss = criterion(outputs, y)" },
      { zh: "反向传播：loss.backward()", en: "Backward pass: loss.backward()" },
      { zh: "更新参数：optimizer.step()", en: "Update: optimizer.step()" },
    ],
    explanation: {
      zh: "先前向算出预测，再算损失，然后反向传播求梯度，最后由优化器更新参数。下一次 backward() 之前要调用 optimizer.zero_grad()，否则梯度会累加。",
      en: "Predict, measure the loss, backpropagate to get gradients, then let the optimizer update the weights. Call optimizer.zero_grad() before the next backward(), or gradients accumulate.",
    },
  },
  {
    id: "tr-data-augmentation",
    topic: "training",
    difficulty: 1,
    type: "multiple",
    prompt: {
      zh: "训练图像分类模型时，以下哪些属于数据增强？（多选）",
      en: "Which of these are data augmentation for an image classifier? Select all that apply.",
    },
    options: [
      { zh: "把图片旋转几度", en: "Rotating each image by a few degrees" },
      { zh: "把像素值除以 255", en: "Dividing pixel values by 255" },
      { zh: "随机裁剪出图片的一部分", en: "Cropping a random patch from an image" },
      { zh: "删除训练集中重复的图片", en: "Deleting duplicate images from the set" },
      { zh: "把图片稍微放大或缩小", en: "Zooming images in or out slightly" },
    ],
    correct: [0, 2, 4],
    explanation: {
      zh: "数据增强对训练样本做随机变换（旋转、裁剪、缩放等），生成更多样的样本，从而减轻过拟合。像素归一化和去重属于预处理和数据清洗，不会增加样本的多样性。",
      en: "Augmentation applies random transformations such as rotation, cropping and zoom, creating variety that reduces overfitting. Scaling pixels and removing duplicates are preprocessing and cleaning; they add no variety.",
    },
  },
  {
    id: "tr-batch-norm",
    topic: "training",
    difficulty: 2,
    type: "single",
    prompt: {
      zh: "批量归一化（Batch Normalization）归一化的是什么？",
      en: "What does batch normalization normalize?",
    },
    options: [
      {
        zh: "每层的激活值，用当前小批量的统计量",
        en: "Layer activations, using mini-batch stats",
      },
      { zh: "输入像素，只在训练开始前做一次", en: "Input pixels, once before training starts" },
      { zh: "学习率，每个 epoch 调整一次", en: "The learning rate, once per epoch" },
      { zh: "梯度，按全局范数进行裁剪", en: "The gradients, by clipping their global norm" },
    ],
    correct: 0,
    explanation: {
      zh: "BN 用当前小批量的均值和方差标准化某层的激活值，再用可学习的缩放和平移参数恢复表达能力，让训练更稳定。推理时改用训练中累计的滑动平均统计量。",
      en: "Batch norm standardizes a layer's activations with the current mini-batch's mean and variance, then applies a learned scale and shift, which stabilizes training. At inference, running averages replace batch statistics.",
    },
  },
  {
    id: "tr-lr-schedule",
    topic: "training",
    difficulty: 2,
    type: "single",
    prompt: {
      zh: "学习率调度（例如先预热再逐步衰减）主要是为了什么？",
      en: "What is a learning-rate schedule (e.g. warm-up, then decay) mainly for?",
    },
    options: [
      { zh: "缩小模型，方便放进手机", en: "Shrinking the model so it fits on phones" },
      { zh: "平衡训练数据中各类别的样本数", en: "Balancing the classes in the training data" },
      { zh: "稳定收敛，先大步后小步", en: "Stable convergence: big steps, then small" },
      { zh: "自动决定网络需要多少层", en: "Choosing how many layers the network needs" },
    ],
    correct: 2,
    explanation: {
      zh: "调度器在训练中改变步长：前期大步快速下降，后期小步精细收敛。原文说它能“避免过拟合和欠拟合”并不准确，防止过拟合主要靠正则化、数据增强和早停。",
      en: "A scheduler changes the step size during training: big steps make fast early progress, small ones settle into a minimum. The article's claim that it prevents over- and underfitting is loose; regularization, augmentation and early stopping do that.",
    },
  },
  {
    id: "tr-overfitting",
    topic: "training",
    difficulty: 2,
    type: "single",
    prompt: {
      zh: "训练集准确率 99%，验证集准确率只有 70%。最可能的原因是什么？",
      en: "Training accuracy is 99% but validation accuracy only 70%. What is the most likely cause?",
    },
    options: [
      { zh: "欠拟合：模型太小，学不到规律", en: "Underfitting: the model is too small to learn" },
      { zh: "学习率被设成了 0", en: "The learning rate was set to zero" },
      { zh: "训练数据混进了验证集", en: "Training data leaked into validation" },
      { zh: "过拟合：模型记住了训练数据", en: "Overfitting: it memorized the training set" },
    ],
    correct: 3,
    explanation: {
      zh: "训练集远好于验证集是典型的过拟合，可用更多数据、数据增强、正则化（Dropout、权重衰减）或早停缓解。学习率为 0 时训练准确率也高不了，数据泄漏则会让验证分数虚高。",
      en: "A big gap between training and validation accuracy is classic overfitting; more data, augmentation, regularization (dropout, weight decay) or early stopping help. A zero learning rate keeps training accuracy low too, and leakage inflates validation scores.",
    },
  },
  {
    id: "tr-validation-vs-test",
    topic: "training",
    difficulty: 1,
    type: "truefalse",
    prompt: {
      zh: "判断：超参数应根据验证集的结果来调整，测试集留到最后只用一次。",
      en: "True or false: tune hyperparameters on the validation set and keep the test set for one final evaluation.",
    },
    correct: true,
    explanation: {
      zh: "对。如果反复用测试集挑选超参数，测试分数就会被“调”高，不再能反映模型在全新数据上的真实表现。",
      en: "True. Tuning against the test set leaks it into your choices, so its score no longer estimates performance on truly unseen data.",
    },
  },
  {
    id: "tr-epoch-term",
    topic: "training",
    difficulty: 1,
    type: "text",
    prompt: {
      zh: "把整个训练集完整地过一遍，叫作一个什么？（中英文均可）",
      en: "What is one complete pass over the whole training set called?",
    },
    accepted: ["epoch", "epochs", "轮", "一轮", "轮次", "训练轮次", "周期", "训练周期"],
    explanation: {
      zh: "完整遍历一次训练集叫一个 epoch（轮次）。每个 epoch 又分成许多小批量（batch），每个批量做一次参数更新。",
      en: "One full pass is an epoch. Each epoch is split into mini-batches, and every batch triggers one weight update.",
    },
  },
  {
    id: "tr-steps-per-epoch",
    topic: "training",
    difficulty: 2,
    type: "numeric",
    prompt: {
      zh: "MNIST 训练集有 60,000 张图片。批大小为 64 时，一个 epoch 要更新多少次参数（最后不满一批的也算一次）？",
      en: "MNIST has 60,000 training images. With a batch size of 64, how many weight updates make up one epoch (counting the last partial batch)?",
    },
    correct: 938,
    tolerance: 1,
    unit: { zh: "次", en: "updates" },
    explanation: {
      zh: "60000 ÷ 64 = 937.5，向上取整为 938 次；如果丢弃最后不满一批的数据（drop_last），则是 937 次。",
      en: "60,000 ÷ 64 = 937.5, which rounds up to 938 updates; dropping the last partial batch (drop_last) gives 937.",
    },
  },
];
