import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { projectRoot } from '../../scripts/lib/paths.js';

type History = temporal.api.history.v1.IHistory;
const HistoryType = temporal.api.history.v1.History;

export const workflowHistoriesDir = path.join(projectRoot, 'tests', 'workflow-histories');

/**
 * Histories are stored as protobufjs JSON objects (int64 as strings, enums by name, bytes as
 * base64), converted with @temporalio/proto's own types. The SDK's historyToJSON/historyFromJSON
 * would give the `temporal workflow show` format, but in this dependency tree @temporalio/common
 * carries a second protobufjs (8.x) whose JSON codec rejects @temporalio/proto's (7.x) types.
 */
export const historyToStoredJson = (history: History) =>
  JSON.stringify(HistoryType.toObject(HistoryType.fromObject(history as Record<string, unknown>), { longs: String, enums: String, bytes: String }), null, 1) + '\n';

export const historyFromStoredJson = (json: string) => HistoryType.fromObject(JSON.parse(json) as Record<string, unknown>);

/** Every recorded history, named by its file, for Worker.runReplayHistories. */
export async function loadRecordedHistories() {
  const files = (await readdir(workflowHistoriesDir)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => ({ workflowId: file.replace(/\.json$/, ''), history: historyFromStoredJson(await readFile(path.join(workflowHistoriesDir, file), 'utf8')) })),
  );
}
