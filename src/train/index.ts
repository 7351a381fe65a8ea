// The training core's public face: what the Web Worker, the CLI and the tests import.
export * from './types';
export { createSession } from './session';
export { tutorialConfig } from './data/tutorial';
export { formatEpochLine, formatPrediction, formatFinalLine, formatFixed } from './format';
export { parseCsv, MAX_CSV_BYTES, type CsvError } from './data/csv';
export { syntheticDataset, tutorialDataset, datasetFromRows, type SyntheticOptions } from './data/dataset';
export { criticalLearningRate, mseHessian, symmetricEigenvalues, stableLearningRateLimit } from './stability/hessian';
export { ConfigError, validateConfig } from './validate';
export { describeOptimizer } from './optimizers';
export { learningRateWarning, type LearningRateWarning } from './stability/learningRateWarning';
export { compileParts, ExpressionError } from './expressions';
