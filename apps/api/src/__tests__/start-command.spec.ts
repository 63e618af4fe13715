import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiNodeFlags } from '../../../../bench/request-path/api-node-flags.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const read = (file: string) => readFileSync(`${ROOT}${file}`, 'utf8');

/**
 * The api's node flags (V8's young generation stated at 2 x 16 MB, and no pretenuring, which keep it under its
 * memory target under load) are written in three start commands: `npm start`, the image's CMD and docker-compose's api
 * service. A flag added to one and not the others would make the process measured (the request-path
 * bench takes them from `npm start`) differ from the one deployed.
 */
describe('the api start commands', () => {
  it('give node the same flags in npm start, the Dockerfile and docker-compose.yml', () => {
    const fromNpm = apiNodeFlags(read('package.json'));
    expect(fromNpm).toEqual(['--max-semi-space-size=16', '--no-allocation-site-pretenuring']);

    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'));
    expect(cmd).not.toBeNull();
    const [, ...dockerArgs] = JSON.parse(cmd![1]) as string[];
    expect(dockerArgs).toEqual([...fromNpm, 'dist/apps/api/src/main.js']);

    const compose = /^\s+command: (\["node", .*"dist\/apps\/api\/src\/main\.js"\])$/m.exec(read('docker-compose.yml'));
    expect(compose).not.toBeNull();
    const [, ...composeArgs] = JSON.parse(compose![1]) as string[];
    expect(composeArgs).toEqual([...fromNpm, 'dist/apps/api/src/main.js']);
  });
});
