// Downloads the IMAP test server (GreenMail) into .cache/greenmail if it is missing; `.ci/run` calls it before the tests.
import { ensureGreenMail } from './lib/imap-test-server.js';

console.log(`IMAP test server: ${await ensureGreenMail((line) => console.log(line))}`);
