/**
 * Static checks of the container deployment (docker-compose.yml, Dockerfile, .env.example) against
 * the code it runs. Nothing here needs a Docker engine: the files are parsed and compared with the
 * source, so a setting added to core/settings.ts but forgotten in compose fails here, not at 3 a.m.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../../scripts/lib/paths.js';

type Environment = Record<string, string | number | boolean | null> | string[];
type DependsOn = string[] | Record<string, { condition?: string }>;
type Service = {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Environment;
  depends_on?: DependsOn;
  healthcheck?: { test?: unknown; disable?: boolean };
  ports?: unknown[];
  volumes?: unknown[];
  restart?: string;
};
type Compose = { services: Record<string, Service> };

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');
const exists = (file: string) => existsSync(path.join(projectRoot, file));

// `merge: true` resolves the `<<: *app` keys the way Compose does; YAML 1.2 alone would not.
const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;
const services = compose.services;
const packageJson = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const appServices = ['migrate', 'api', 'worker', 'web'] as const;
const mailSinkName = Object.keys(services).find((name) => /mailpit|mailhog|maildev|smtp4dev/.test(services[name].image ?? ''));

/** The names a file reads as `env.NAME`, `process.env.NAME` or `env['NAME']`. */
function envNamesReadBy(file: string): string[] {
  const source = read(file);
  const names = new Set<string>();
  for (const match of source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) names.add(match[1]);
  for (const match of source.matchAll(/\benv\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]/g)) names.add(match[1]);
  return [...names].sort();
}

function environmentOf(name: string): Record<string, string | undefined> {
  const environment = services[name]?.environment ?? {};
  const entries = Array.isArray(environment)
    ? environment.map((line) => {
        const [key, ...value] = line.split('=');
        return [key, value.length ? value.join('=') : undefined] as const;
      })
    : Object.entries(environment).map(([key, value]) => [key, value === null ? undefined : String(value)] as const);
  return Object.fromEntries(entries);
}

function dependenciesOf(name: string): Record<string, string> {
  const dependsOn = services[name]?.depends_on ?? [];
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((dependency) => [dependency, 'service_started']));
  return Object.fromEntries(Object.entries(dependsOn).map(([dependency, options]) => [dependency, options?.condition ?? 'service_started']));
}

/** Whether `from` starts only after `target` reached `condition`, directly or through the services it waits for. */
function waitsFor(from: string, target: string, condition: string, seen = new Set<string>()): boolean {
  if (seen.has(from)) return false;
  seen.add(from);
  return Object.entries(dependenciesOf(from)).some(
    ([dependency, reached]) => (dependency === target && reached === condition) || waitsFor(dependency, target, condition, seen),
  );
}

function commandOf(name: string): string[] {
  const command = services[name]?.command;
  if (command === undefined) return [];
  return Array.isArray(command) ? command.map(String) : command.trim().split(/\s+/);
}

/** Variables named in .env.example, whether set (`NAME=`) or commented out (`#NAME=`). */
function envExampleNames(): string[] {
  return [...read('.env.example').matchAll(/^#?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]).sort();
}

/** The repository's TypeScript files a given entry loads, following relative imports (`./x.js` → `./x.ts`). */
function filesLoadedFrom(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (files.includes(file) || !exists(file)) continue;
    files.push(file);
    const source = read(file);
    const specifiers = [
      // Type-only imports vanish when tsx strips types, so they load nothing at runtime.
      ...[...source.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm)].filter((m) => !m[1]).map((m) => m[2]),
      ...[...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]),
      ...[...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]),
    ];
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        const candidates = [target.replace(/\.js$/, '.ts'), target, `${target}.ts`, `${target}/index.ts`];
        const found = candidates.find((candidate) => /\.ts$/.test(candidate) && exists(candidate));
        if (found) pending.push(found);
      } else if (!specifier.startsWith('node:')) {
        const parts = specifier.split('/');
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
      }
    }
  }
  return { files, packages };
}

const settingsNames = envNamesReadBy('core/settings.ts');
const apiPort = () => environmentOf('api').API_PORT ?? '3001';

describe('docker-compose.yml', () => {
  it('runs every part the product needs', () => {
    for (const name of ['postgres', 'temporal-schema', 'temporal', 'temporal-namespace', 'temporal-ui', ...appServices]) expect(Object.keys(services), name).toContain(name);
    expect(mailSinkName, 'a mail sink service (mailpit) so sent mail is caught, not delivered').toBeDefined();
  });

  it('finds the settings in core/settings.ts (so the checks below are not vacuous)', () => {
    expect(settingsNames).toEqual(expect.arrayContaining(['DATABASE_URL', 'TEMPORAL_ADDRESS', 'API_PORT']));
  });

  it.each(['api', 'worker'])('gives %s every variable core/settings.ts reads', (name) => {
    const environment = environmentOf(name);
    const missing = settingsNames.filter((variable) => environment[variable] === undefined);
    expect(missing, `add these to x-app-env in docker-compose.yml`).toEqual([]);
  });

  it('gives migrate every variable db/migrate.ts reads', () => {
    const environment = environmentOf('migrate');
    expect(envNamesReadBy('db/migrate.ts').filter((variable) => environment[variable] === undefined)).toEqual([]);
  });

  it('points the app at the postgres service with its own credentials', () => {
    const database = environmentOf('postgres');
    for (const name of ['migrate', 'api', 'worker']) {
      const url = new URL(environmentOf(name).DATABASE_URL ?? '');
      expect(url.hostname, name).toBe('postgres');
      expect(decodeURIComponent(url.username), name).toBe(database.POSTGRES_USER);
      expect(decodeURIComponent(url.password), name).toBe(database.POSTGRES_PASSWORD);
      expect(url.pathname.slice(1), name).toBe(database.POSTGRES_DB ?? database.POSTGRES_USER);
    }
  });

  it('points api and worker at the temporal service and the namespace the temporal-namespace job creates', () => {
    const namespaceJob = environmentOf('temporal-namespace');
    expect(namespaceJob.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(commandOf('temporal-namespace').join(' ')).toMatch(/namespace create -n "\$\$NAMESPACE"/);
    for (const name of ['api', 'worker']) {
      const environment = environmentOf(name);
      expect(environment.TEMPORAL_ADDRESS, name).toBe('temporal:7233');
      expect(environment.TEMPORAL_NAMESPACE ?? 'default', name).toBe(namespaceJob.NAMESPACE);
    }
    expect(environmentOf('temporal-ui').TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('keeps the API reachable from other containers and sends mail to the sink', () => {
    for (const name of ['api', 'worker']) {
      const environment = environmentOf(name);
      expect(environment.API_HOST, `${name}: a loopback API_HOST is unreachable from the web container`).toBe('0.0.0.0');
      const smtp = new URL(environment.SMTP_URL ?? '');
      expect(smtp.hostname, name).toBe(mailSinkName);
      expect(smtp.port, name).toBe('1025');
    }
  });

  it("points web's API_URL at the api service's port and its ORIGIN at PUBLIC_URL", () => {
    const web = environmentOf('web');
    expect(web.API_URL).toBe(`http://api:${apiPort()}`);
    expect(web.ORIGIN, 'adapter-node ORIGIN must be the URL people open').toBe(environmentOf('api').PUBLIC_URL);
    expect(web.PORT).toBe('3000');
    expect(services.web.ports?.map(String).some((port) => port.endsWith(':3000'))).toBe(true);
  });

  it("publishes only the console: the API is reached through web's proxy, which sets X-Forwarded-For", () => {
    expect(services.api.ports ?? [], 'a published API port bypasses the proxy').toEqual([]);
    for (const [name, service] of Object.entries(services)) {
      if (name === 'web') continue;
      for (const port of service.ports ?? []) expect(String(port), `${name} may publish on loopback only`).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('sends Secure session cookies unless a variable says otherwise', () => {
    const secureCookies = environmentOf('api').SECURE_COOKIES ?? '';
    const interpolation = /^\$\{([A-Z][A-Z0-9_]*):-(\w+)\}$/.exec(secureCookies);
    expect(interpolation, `SECURE_COOKIES is "${secureCookies}", not a \${VARIABLE:-true}`).not.toBeNull();
    expect(interpolation![2]).toBe('true');
    // Not the app's own name: the .env that `npm start` reads would otherwise switch it off silently.
    expect(interpolation![1]).not.toBe('SECURE_COOKIES');
  });

  it('runs temporal on the postgres service, on the databases the temporal-schema job migrated', () => {
    const temporal = environmentOf('temporal');
    const schemaJob = environmentOf('temporal-schema');
    const database = environmentOf('postgres');
    // Upstream stopped publishing auto-setup after 1.29: the server image runs on a schema set up beside it.
    expect(services.temporal.image).toMatch(/^temporalio\/server:/);
    expect(temporal.DB).toBe('postgres12');
    expect(temporal.POSTGRES_SEEDS).toBe('postgres');
    expect(temporal.DB_PORT).toBe('5432');
    expect(temporal.POSTGRES_USER).toBe(database.POSTGRES_USER);
    expect(temporal.POSTGRES_PWD).toBe(database.POSTGRES_PASSWORD);
    expect(temporal.BIND_ON_IP, 'a frontend on loopback is unreachable from the other containers').toBe('0.0.0.0');

    expect(services['temporal-schema'].image?.split(':')[1], 'admin-tools matches the server version').toBe(services.temporal.image?.split(':')[1]);
    expect(schemaJob).toMatchObject({ SQL_PLUGIN: temporal.DB, SQL_HOST: 'postgres', SQL_PORT: temporal.DB_PORT, SQL_USER: database.POSTGRES_USER, SQL_PASSWORD: database.POSTGRES_PASSWORD });
    const script = commandOf('temporal-schema').join(' ');
    for (const step of ['create', 'setup-schema -v 0.0', 'update-schema -d']) expect(script, step).toContain(step);
    expect(script).toContain('temporal temporal_visibility');
    expect(services['temporal-schema'].restart, 'a one-shot job must not restart').toBe('no');
    expect(dependenciesOf('temporal-schema').postgres).toBe('service_healthy');
    expect(dependenciesOf('temporal')['temporal-schema']).toBe('service_completed_successfully');
    expect(dependenciesOf('temporal-namespace').temporal).toBe('service_healthy');
  });

  it('runs two api and two worker replicas, each health-checked on its readiness', () => {
    for (const name of ['api', 'worker']) expect((services[name] as { deploy?: { replicas?: number } }).deploy?.replicas, name).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(services.api.healthcheck?.test)).toContain(`127.0.0.1:${apiPort()}/api/ready`);
    expect(JSON.stringify(services.worker.healthcheck?.test)).toContain(`127.0.0.1:${environmentOf('worker').WORKER_HEALTH_PORT}/ready`);
    expect(environmentOf('worker').WORKER_HEALTH_HOST).toBe('127.0.0.1');
  });

  it('health-checks postgres and keeps its data in a volume', () => {
    expect(services.postgres.image).toMatch(/^postgres:17/);
    expect(services.postgres.healthcheck?.test).toBeDefined();
    expect(services.postgres.volumes?.map(String).some((volume) => volume.endsWith(':/var/lib/postgresql/data'))).toBe(true);
  });

  it('starts api and worker only after migrations succeeded, postgres is healthy and the temporal namespace exists', () => {
    expect(services.migrate.restart, 'a one-shot job must not restart').toBe('no');
    expect(dependenciesOf('migrate').postgres).toBe('service_healthy');
    for (const name of ['api', 'worker']) {
      expect(dependenciesOf(name).migrate, name).toBe('service_completed_successfully');
      expect(waitsFor(name, 'postgres', 'service_healthy'), `${name} waits for a healthy postgres`).toBe(true);
      // Not merely temporal: the namespace must exist before a worker polls it.
      expect(dependenciesOf(name)['temporal-namespace'], name).toBe('service_completed_successfully');
    }
  });

  it('runs all app roles from one image', () => {
    const images = new Set(appServices.map((name) => services[name].image));
    expect(images.size).toBe(1);
    for (const name of appServices) expect(services[name].build, name).toBeDefined();
  });

  it.each([
    ['migrate', 'db/migrate.ts'],
    ['api', 'api/server.ts'],
    ['worker', 'activities/worker.ts'],
    ['web', 'web/build/index.js'],
  ])('runs %s from %s', (name, file) => {
    expect(commandOf(name)).toContain(file);
  });

  it.each(appServices)('%s runs files that exist (or that `npm run build` makes) with tools the image keeps', (name) => {
    const command = commandOf(name);
    expect(command.length, 'a command picks the role').toBeGreaterThan(0);
    for (const token of command) {
      const bin = /^node_modules\/\.bin\/(.+)$/.exec(token)?.[1];
      if (bin) {
        // The image prunes devDependencies, so the tool must come from a production dependency.
        const providers = Object.keys(packageJson.dependencies).filter((dependency) => {
          const manifest = path.join('node_modules', dependency, 'package.json');
          if (!exists(manifest)) return false;
          const binField = (JSON.parse(read(manifest)) as { bin?: string | Record<string, string> }).bin;
          return typeof binField === 'string' ? dependency === bin : Boolean(binField && bin in binField);
        });
        expect(providers, `${token} must come from "dependencies"`).not.toEqual([]);
      } else if (/\.(ts|js|mjs)$/.test(token)) {
        if (token.startsWith('web/build/')) {
          expect(packageJson.scripts.build, 'web/build is made by `npm run build`').toBeDefined();
          expect(read('Dockerfile')).toMatch(/^RUN .*npm run build/m);
        } else {
          expect(exists(token), `${token} must exist`).toBe(true);
        }
      }
    }
  });

  it('needs only production dependencies at runtime (the image prunes devDependencies)', () => {
    const entries = ['api/server.ts', 'activities/worker.ts', 'db/migrate.ts', 'workflows/index.ts'];
    const needed = new Set(entries.flatMap((entry) => [...filesLoadedFrom(entry).packages]));
    const devOnly = [...needed].filter((name) => !(name in packageJson.dependencies));
    expect(devOnly, 'move these to "dependencies" in package.json').toEqual([]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds on node:24-bookworm-slim with npm ci and npm run build', () => {
    expect(dockerfile).toMatch(/node:24-bookworm-slim/);
    expect(dockerfile).toMatch(/^RUN .*\bnpm ci\b/m);
    expect(dockerfile).toMatch(/^RUN .*\bnpm run build\b/m);
    expect(dockerfile.indexOf('npm ci')).toBeLessThan(dockerfile.indexOf('npm run build'));
    expect(dockerfile.match(/^FROM /gm)?.length, 'a build stage and a runtime stage').toBeGreaterThanOrEqual(2);
  });

  it("copies the files npm's install scripts run before `npm ci` runs them", () => {
    const installScripts = ['preinstall', 'install', 'postinstall'].map((name) => packageJson.scripts[name]).filter(Boolean);
    const files = installScripts.flatMap((script) => [...script.matchAll(/\b(scripts\/\S+\.m?[jt]s)\b/g)].map((match) => match[1]));
    const install = dockerfile.search(/^RUN .*\bnpm ci\b/m);
    for (const file of files) {
      expect(exists(file), file).toBe(true);
      const copied = dockerfile.search(new RegExp(`^COPY .*${file.replaceAll('.', '\\.')}`, 'm'));
      expect(copied, `COPY ${file} before npm ci`).toBeGreaterThanOrEqual(0);
      expect(copied, `COPY ${file} before npm ci`).toBeLessThan(install);
    }
  });

  it('keeps host installs, local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    for (const entry of ['node_modules', '.parley', '.cache', 'web/build', 'web/.svelte-kit', '.git', '.env']) {
      expect(ignored.some((line) => line === entry || line === `**/${entry}`), entry).toBe(true);
    }
  });
});

describe('.env.example', () => {
  const documented = envExampleNames();

  it('documents every variable core/settings.ts reads', () => {
    expect(settingsNames.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('gives each variable a comment line above it', () => {
    const lines = read('.env.example').split('\n');
    lines.forEach((line, index) => {
      if (/^#?[A-Z][A-Z0-9_]*=/.test(line)) expect(lines[index - 1], line).toMatch(/^# \S/);
    });
  });

  // `npm start` names the launcher; it is checked with every file it loads.
  const launcher = /\btsx\s+(\S+\.ts)\b/.exec(packageJson.scripts.start ?? '')?.[1];
  it('documents only variables core/settings.ts or the launcher reads', () => {
    expect(launcher && exists(launcher), `npm start should run a launcher file (found ${launcher})`).toBeTruthy();
    const sources = ['core/settings.ts', ...filesLoadedFrom(launcher!).files].map(read).join('\n');
    const unread = documented.filter((name) => !new RegExp(`\\b${name}\\b`).test(sources));
    expect(unread, 'stale entries in .env.example, or settings the launcher ignores').toEqual([]);
  });
});
