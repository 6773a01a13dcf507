// Properties as Neo4j stores them: a property set to null or left undefined is no property at all.

/** The entries of `o` with a value: undefined and null are dropped (Neo4j stores neither). */
export function storedProps(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}
