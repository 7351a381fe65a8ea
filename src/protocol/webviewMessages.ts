// Messages between the extension host and the trainer panel's page. The page is untrusted: whatever it
// sends is validated before the extension acts on it, and what the extension sends is validated too.
import type { TrainerLaunch } from './trainerLaunch';
import { readDataSource, type DataSource } from './trainerSettings';
import type { ComputationGraph } from '../expr';
import { readComputationGraph } from './graphMessages';
import { array, bool, checked, invalid, nullable, num, oneOf, optional, record, str, tag } from './validate';

export type ToWebview =
  /** Opened from the hover or "Train with Selected Loss": a loss, a model and maybe the file's data. */
  | { type: 'launch'; launch: TrainerLaunch }
  /** Data the user chose: a workspace file's text or the arrays bound in the active editor. */
  | { type: 'data'; source: DataSource }
  | { type: 'notice'; level: 'info' | 'error'; text: string }
  /** The graph panel closed, or shows an editor's graph now: the trainer's graph stops following the run. */
  | { type: 'graphClosed' };

export type ExportFormat = 'csv' | 'json' | 'pytorch' | 'numpy';

export type FromWebview =
  | { type: 'ready' }
  /** The loss expression the panel now trains (null: a built-in loss); the extension names the tab after it. */
  | { type: 'trainingLoss'; lossExpr: string | null }
  | { type: 'pickDataFile' }
  | { type: 'useEditorArrays' }
  /** Text the page made (history or a script), opened in a new editor. */
  | { type: 'export'; format: ExportFormat; text: string }
  /** The charts as a PNG data URL, saved where the user chooses. */
  | { type: 'exportPng'; dataUrl: string }
  /** The Graph view: the model's graph at an epoch, for the graph panel (reveal: bring the panel forward). */
  | { type: 'showGraph'; epoch: number; graph: ComputationGraph; reveal: boolean };

const MAX_EXPORT = 50_000_000;

export function readLaunch(value: unknown, path: string): TrainerLaunch {
  const l = record(value, path);
  const launch: TrainerLaunch = {};
  const lossExpr = optional(l.lossExpr, `${path}.lossExpr`, (v, p) => str(v, p, 10_000));
  const modelExpr = optional(l.modelExpr, `${path}.modelExpr`, (v, p) => str(v, p, 10_000));
  const source = optional(l.source, `${path}.source`, (v, p) => str(v, p, 500));
  const data = optional(l.data, `${path}.data`, (v, p) => {
    const d = record(v, p);
    return {
      x: array(d.x, `${p}.x`, (row, q) => array(row, q, (n, r) => num(n, r), 64)),
      y: array(d.y, `${p}.y`, (n, q) => num(n, q)),
    };
  });
  if (lossExpr !== undefined) launch.lossExpr = lossExpr;
  if (modelExpr !== undefined) launch.modelExpr = modelExpr;
  if (source !== undefined) launch.source = source;
  if (data !== undefined) launch.data = data;
  return launch;
}

export const validateToWebview = checked((value): ToWebview => {
  const { message: m, type } = tag(value, 'message', ['launch', 'data', 'notice', 'graphClosed'] as const);
  switch (type) {
    case 'launch':
      return { type, launch: readLaunch(m.launch, 'message.launch') };
    case 'data':
      return { type, source: readDataSource(m.source, 'message.source') };
    case 'notice':
      return {
        type,
        level: oneOf(m.level, 'message.level', ['info', 'error'] as const),
        text: str(m.text, 'message.text', 10_000),
      };
    case 'graphClosed':
      return { type };
  }
});

export const validateFromWebview = checked((value): FromWebview => {
  const { message: m, type } = tag(value, 'message', [
    'ready',
    'trainingLoss',
    'pickDataFile',
    'useEditorArrays',
    'export',
    'exportPng',
    'showGraph',
  ] as const);
  switch (type) {
    case 'ready':
    case 'pickDataFile':
    case 'useEditorArrays':
      return { type };
    case 'trainingLoss':
      return { type, lossExpr: nullable(m.lossExpr, 'message.lossExpr', (v, p) => str(v, p, 10_000)) };
    case 'export':
      return {
        type,
        format: oneOf(m.format, 'message.format', ['csv', 'json', 'pytorch', 'numpy'] as const),
        text: str(m.text, 'message.text', MAX_EXPORT),
      };
    case 'exportPng': {
      const dataUrl = str(m.dataUrl, 'message.dataUrl', MAX_EXPORT);
      if (!/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/.test(dataUrl)) {
        return invalid('message.dataUrl', 'expected a PNG data URL (data:image/png;base64,...)');
      }
      return { type, dataUrl };
    }
    case 'showGraph':
      return {
        type,
        epoch: num(m.epoch, 'message.epoch', { integer: true, min: 0 }),
        graph: readComputationGraph(m.graph, 'message.graph'),
        reveal: bool(m.reveal, 'message.reveal'),
      };
  }
});
