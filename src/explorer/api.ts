// The explorer's only way to the server: GraphQL over fetch at the relative URL /graphql, plus schema feature detection.

export class ApiError extends Error {
  constructor(message: string, readonly codes: string[] = []) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResponse<T> { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] }

export const ENDPOINT = 'graphql';

/** Runs one operation; throws ApiError with the server's messages when the response carries errors. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(`the server at /graphql cannot be reached (${(e as Error).message})`);
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`/graphql answered HTTP ${response.status} ${response.statusText} without a GraphQL response`);
  }
  if (body.errors?.length) {
    throw new ApiError(body.errors.map((e) => e.message).join('; '), body.errors.map((e) => e.extensions?.code ?? ''));
  }
  if (!response.ok || body.data == null) throw new ApiError(`/graphql answered HTTP ${response.status} without data`);
  return body.data;
}

// ---- Feature detection: what the server's schema offers today --------------------------------------------

interface TypeRef { kind: string; name: string | null; ofType: TypeRef | null }
interface IntrospectedField { name: string; args: { name: string; description: string | null; type: TypeRef }[]; type: TypeRef }
interface IntrospectedType {
  name: string;
  kind: string;
  fields: IntrospectedField[] | null;
  inputFields: { name: string; type: TypeRef }[] | null;
  enumValues: { name: string }[] | null;
  interfaces: { name: string }[] | null;
}

const INTROSPECTION = /* GraphQL */ `
  fragment R on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
  query Introspect {
    __schema {
      queryType { name } mutationType { name } subscriptionType { name }
      types {
        name kind
        fields { name args { name description type { ...R } } type { ...R } }
        inputFields { name type { ...R } }
        enumValues { name }
        interfaces { name }
      }
    }
  }`;

export function namedType(t: TypeRef): TypeRef {
  let r = t;
  while (r.ofType) r = r.ofType;
  return r;
}

/** The schema as the server describes it, with helpers to ask for fields that exist. */
export class SchemaInfo {
  private readonly types = new Map<string, IntrospectedType>();
  constructor(
    types: IntrospectedType[],
    readonly queryType: string,
    readonly mutationType: string | null,
    readonly subscriptionType: string | null,
  ) {
    for (const t of types) this.types.set(t.name, t);
  }

  type(name: string): IntrospectedType | undefined { return this.types.get(name); }

  field(typeName: string | null, field: string): IntrospectedField | undefined {
    if (!typeName) return undefined;
    return this.types.get(typeName)?.fields?.find((f) => f.name === field);
  }

  has(typeName: string | null, field: string): boolean { return this.field(typeName, field) !== undefined; }
  hasQuery(field: string): boolean { return this.has(this.queryType, field); }
  hasMutation(field: string): boolean { return this.has(this.mutationType, field); }
  hasSubscription(field: string): boolean { return this.has(this.subscriptionType, field); }

  /** The enum values of an argument's type (e.g. riskAssessment(method:)). */
  enumValuesOfArg(typeName: string, field: string, arg: string): string[] {
    const a = this.field(typeName, field)?.args.find((x) => x.name === arg);
    if (!a) return [];
    return this.types.get(namedType(a.type).name ?? '')?.enumValues?.map((v) => v.name) ?? [];
  }

  /** Upper-case words (e.g. WEIGHTED_SUM, MEDAL) in an argument's description, for String arguments documented as a choice. */
  argDescriptionWords(typeName: string, field: string, arg: string): string[] {
    const a = this.field(typeName, field)?.args.find((x) => x.name === arg);
    return [...new Set(a?.description?.match(/\b[A-Z][A-Z_]{2,}\b/g) ?? [])];
  }

  argNames(typeName: string, field: string): string[] {
    return this.field(typeName, field)?.args.map((a) => a.name) ?? [];
  }

  argTypeName(typeName: string, field: string, arg: string): string | null {
    const a = this.field(typeName, field)?.args.find((x) => x.name === arg);
    return a ? namedType(a.type).name : null;
  }

  inputFieldNames(inputType: string | null): string[] {
    return inputType ? this.types.get(inputType)?.inputFields?.map((f) => f.name) ?? [] : [];
  }

  isEntity(typeName: string): boolean {
    const t = this.types.get(typeName);
    return typeName === 'Entity' || !!t?.interfaces?.some((i) => i.name === 'Entity');
  }

  /**
   * A selection set of every field without required arguments, `depth` object levels deep; references to model
   * nodes are cut to `{ id name label }`. Used for results whose shape may grow (the simulation result JSON).
   */
  selectAll(typeName: string, depth: number): string {
    const t = this.types.get(typeName);
    if (!t?.fields) return '';
    const parts: string[] = [];
    for (const f of t.fields) {
      if (f.args.some((a) => a.type.kind === 'NON_NULL')) continue;
      const inner = namedType(f.type);
      const innerType = this.types.get(inner.name ?? '');
      if (!innerType || innerType.kind === 'SCALAR' || innerType.kind === 'ENUM') parts.push(f.name);
      else if (this.isEntity(innerType.name)) parts.push(`${f.name} { id name label }`);
      else if (depth > 0 && (innerType.kind === 'OBJECT' || innerType.kind === 'INTERFACE')) {
        const sub = this.selectAll(innerType.name, depth - 1);
        if (sub) parts.push(`${f.name} { ${sub} }`);
      }
    }
    return parts.join(' ');
  }

  /** Return type name of a field (unwrapped). */
  returnType(typeName: string | null, field: string): string | null {
    const f = this.field(typeName, field);
    return f ? namedType(f.type).name : null;
  }
}

export async function introspect(): Promise<SchemaInfo> {
  const data = await gql<{ __schema: { queryType: { name: string }; mutationType: { name: string } | null; subscriptionType: { name: string } | null; types: IntrospectedType[] } }>(INTROSPECTION);
  const s = data.__schema;
  return new SchemaInfo(s.types, s.queryType.name, s.mutationType?.name ?? null, s.subscriptionType?.name ?? null);
}
