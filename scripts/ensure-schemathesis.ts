// Installs schemathesis into .cache/fuzz-venv if it is missing; `.ci/run` calls it before `npm run fuzz -- --ci`.
import { ensureSchemathesis } from './lib/schemathesis.js';

console.log(`schemathesis: ${await ensureSchemathesis((line) => console.log(line))}`);
