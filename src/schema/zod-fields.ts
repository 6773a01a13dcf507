// Reads scalar field types off the model's zod schema, so GraphQL types and inputs follow the interchange format.
import type { z } from 'zod';

export type ScalarKind = 'String' | 'Float' | 'Boolean' | '[Float]' | '[String]';
export interface FieldInfo {
  name: string;
  kind: ScalarKind;
  optional: boolean;
  hasDefault: boolean;
  /** A z.enum (or an array of one): its values, so that the field can be the GraphQL enum of the same values. */
  values?: readonly string[];
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
}
const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const enumValues = (s: z.ZodType): readonly string[] | undefined => {
  const d = def(s) as Def & { entries?: Record<string, string> };
  return d.type === 'enum' && d.entries ? Object.values(d.entries) : undefined;
};

function scalarOf(s: z.ZodType): Omit<FieldInfo, 'name'> {
  let optional = false;
  let hasDefault = false;
  let cur = s;
  for (;;) {
    const d = def(cur);
    if (d.type === 'optional' || d.type === 'default' || d.type === 'nullable') {
      // A default is always filled in on validation, so only optional and nullable fields may be missing.
      if (d.type !== 'default') optional = true;
      else hasDefault = true;
      cur = d.innerType!;
      continue;
    }
    if (d.type === 'pipe') {
      cur = (d as unknown as { in: z.ZodType }).in;
      continue;
    }
    if (d.type === 'number') return { kind: 'Float', optional, hasDefault };
    if (d.type === 'boolean') return { kind: 'Boolean', optional, hasDefault };
    if (d.type === 'array') {
      const kind = def(d.element!).type === 'number' ? '[Float]' : '[String]';
      const values = enumValues(d.element!);
      return { kind, optional, hasDefault, ...(values && { values }) };
    }
    const values = enumValues(cur);
    return { kind: 'String', optional, hasDefault, ...(values && { values }) };
  }
}

/** Scalar fields of an object schema, skipping the named ones. */
export function scalarFields(schema: z.ZodObject, skip: readonly string[] = []): FieldInfo[] {
  return Object.entries(schema.shape)
    .filter(([name]) => !skip.includes(name))
    .map(([name, s]) => ({ name, ...scalarOf(s as z.ZodType) }));
}
