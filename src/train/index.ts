// The training core's public face: what the Web Worker, the CLI and the tests import.
export * from './types';
export { createSession } from './session';
export { tutorialConfig } from './data/tutorial';
export { formatEpochLine, formatPrediction, formatFinalLine } from './format';
export { parseCsv, MAX_CSV_BYTES, type CsvError } from './data/csv';
export { CsvReader, readCsvChunks, type CsvReaderOptions } from './data/csvReader';
export { syntheticDataset, tutorialDataset, datasetFromRows } from './data/dataset';
export { shapeDataset } from './data/shapes';
export { ConfigError } from './validate';
export { learningRateWarning } from './stability/learningRateWarning';
export { compileParts, ExpressionError } from './expressions';
export {
  parsePreset,
  presetModel,
  presetDefaultLoss,
  looksLikePreset,
  type ModelPreset,
  type PresetModel,
} from './presets';
export { OpenShapeError, ModelShapeError } from './network';
export { nestValues, describeShape } from './parameterValues';
export { pytorchScript, type PytorchRun, type PytorchParameter, type ScriptExporter } from './export/pytorchScript';
export { pytorchRun, MAX_EMBEDDED_VALUES, type PytorchRefusal, type PytorchRunOptions } from './export/pytorchRun';
export { pyFloat } from './export/python';
