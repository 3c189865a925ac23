import * as z from 'zod/mini';
import { labManifestSchema } from '../grader/schemas/labManifest';

// labs/lab.schema.json, for editors (a lab.json's "$schema": "../lab.schema.json"): completion and
// squiggles while typing. Generated from the manifest's zod schema; what JSON Schema cannot say
// (a primitive's parameters, known roles, the solution's replay) only `pim-lab validate` checks.

export function labManifestJsonSchema(): string {
  const schema = z.toJSONSchema(labManifestSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'PIM Lab lab.json', description: 'A lab manifest: see the authoring guide, /authoring/.' }, null, 2)}\n`;
}
