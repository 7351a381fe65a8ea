// The training core's public face: what the Web Worker, the CLI and the tests import.
export * from './types';
export { createSession } from './session';
export { tutorialConfig } from './tutorial';
export { formatEpochLine, formatPrediction, formatFinalLine, formatFixed } from './format';
export { parseCsv, MAX_CSV_BYTES, type CsvResult, type CsvError } from './csv';
export { syntheticDataset, tutorialDataset, datasetFromRows, type SyntheticOptions } from './dataset';
export { criticalLearningRate, mseHessian, symmetricEigenvalues, stableLearningRateLimit } from './hessian';
export { ConfigError, validateConfig } from './validate';
export { describeOptimizer } from './optimizers';
export { learningRateWarning, type LearningRateWarning } from './stability';
export { compileParts, ExpressionError } from './expressions';
