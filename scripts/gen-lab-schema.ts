// Writes labs/lab.schema.json from the lab manifest's zod schema (npm run labs:schema).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labManifestJsonSchema } from '../src/labkit/jsonSchema';

const out = join(import.meta.dirname, '../labs/lab.schema.json');
writeFileSync(out, labManifestJsonSchema());
console.log(`Wrote ${out}`);
