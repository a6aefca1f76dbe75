// Generates the console's API types from each service's OpenAPI document, written by that service's build
// (target/openapi/openapi.json). A change to an endpoint that the console uses differently then fails `tsc`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../../..');
const out = resolve(here, '../src/api/generated');
mkdirSync(out, { recursive: true });

for (const service of ['metering', 'pricing', 'billing', 'projection']) {
  const document = resolve(root, `${service}-service/target/openapi/openapi.json`);
  if (!existsSync(document)) {
    console.error(`${document} is missing: build ${service}-service first (mvn -DskipTests install from the root).`);
    process.exit(1);
  }
  const ast = await openapiTS(JSON.parse(readFileSync(document, 'utf8')));
  writeFileSync(resolve(out, `${service}.ts`),
    `// Generated from ${service}-service's OpenAPI document by scripts/api-types.mjs. Do not edit.\n`
      + astToString(ast));
  console.log(`API types: ${service}`);
}
