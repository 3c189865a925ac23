import { PRIMITIVES } from '../grader';

// The check primitives as the authoring guide lists them, read from the primitives themselves
// (their summary and their params schema), so the guide cannot fall behind the code.

export interface ParamDoc {
  name: string;
  /** "required", "optional", or "default: <value>". */
  presence: string;
}

export interface PrimitiveDoc {
  name: string;
  summary: string;
  params: ParamDoc[];
}

interface SchemaInternals {
  _zod: { def: { type: string; shape?: Record<string, SchemaInternals>; defaultValue?: unknown; innerType?: SchemaInternals } };
}

function presenceOf(schema: SchemaInternals): string {
  const def = schema._zod.def;
  if (def.type === 'default') return `default: ${JSON.stringify(def.defaultValue)}`;
  if (def.type === 'optional') return 'optional';
  return 'required';
}

export function primitiveDocs(): PrimitiveDoc[] {
  return Object.values(PRIMITIVES).map((p) => {
    const shape = (p.params as unknown as SchemaInternals)._zod.def.shape ?? {};
    return { name: p.name, summary: p.summary, params: Object.entries(shape).map(([name, schema]) => ({ name, presence: presenceOf(schema) })) };
  });
}
