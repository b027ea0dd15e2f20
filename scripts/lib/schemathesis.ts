import path from 'node:path';
import { projectRoot } from './paths.js';
import { ensureVenvTool } from './python-venv.js';

/** Schemathesis (PyPI), pinned so every fuzz run checks the API with the same generator and checks. */
export const schemathesisRequirement = 'schemathesis==4.32.5';
const fuzzEnvironment = path.join(projectRoot, '.cache', 'fuzz-venv');

/** Installs schemathesis into `.cache/fuzz-venv` the first time on a machine and reuses it afterwards; resolves to its CLI. */
export function ensureSchemathesis(log: (line: string) => void = () => {}): Promise<string> {
  return ensureVenvTool({ environment: fuzzEnvironment, requirement: schemathesisRequirement, executable: 'schemathesis', neededBy: '`npm run fuzz`', log: (line) => log(`schemathesis: ${line}`) });
}
