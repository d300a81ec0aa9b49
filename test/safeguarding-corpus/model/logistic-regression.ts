/**
 * Logistic regression over sparse hashed binary features, trained by AdaGrad stochastic gradient descent with L2
 * regularisation on the weights a text touches. Written here because `natural`'s LogisticRegressionClassifier (via
 * `apparatus`) builds a dense texts × vocabulary matrix and runs full-batch gradient descent on it: with ~10,000 texts
 * and ~100,000 distinct letter n-grams that is a billion cells per step. Deterministic: a fixed seed orders the texts.
 */
export interface SparseExample {
  buckets: Uint32Array;
  /** 1 for the positive class, 0 for the negative. */
  label: number;
}

export interface TrainOptions {
  buckets: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAINING: Omit<TrainOptions, 'buckets'> = { epochs: 12, learningRate: 0.5, l2: 1e-4, seed: 15 };

/** mulberry32: a small seeded generator, so the same corpus gives the same model. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [out[index], out[other]] = [out[other]!, out[index]!];
  }
  return out;
}

/** Each text's features weigh 1/√n, so a long text is not sure of itself for being long. */
export const featureValue = (count: number) => 1 / Math.sqrt(Math.max(1, count));

export function margin(weights: Float64Array, buckets: Uint32Array): number {
  const value = featureValue(buckets.length);
  let sum = 0;
  for (const bucket of buckets) sum += weights[bucket]!;
  return sum * value;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function trainLogisticRegression(examples: readonly SparseExample[], options: TrainOptions): Float64Array {
  const weights = new Float64Array(options.buckets);
  const squaredGradients = new Float64Array(options.buckets).fill(1e-8);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const example of shuffled(examples, random)) {
      const value = featureValue(example.buckets.length);
      const error = sigmoid(margin(weights, example.buckets)) - example.label;
      for (const bucket of example.buckets) {
        const gradient = error * value + options.l2 * weights[bucket]!;
        squaredGradients[bucket]! += gradient * gradient;
        weights[bucket]! -= (options.learningRate * gradient) / Math.sqrt(squaredGradients[bucket]!);
      }
    }
  }
  return weights;
}
