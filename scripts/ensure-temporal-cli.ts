/** Resolves (and if needed builds) the Temporal CLI up front, so CI shows that step's progress on its own. */
import { resolveTemporalCli } from './lib/temporal-cli.js';

const binary = await resolveTemporalCli((line) => console.log(line));
console.log(`Temporal CLI: ${binary}`);
