// Installs the S3 test server (moto) into .cache/moto if it is missing; `.ci/run` calls it before the tests.
import { ensureMotoServer } from './lib/s3-test-server.js';

console.log(`S3 test server: ${await ensureMotoServer((line) => console.log(line))}`);
