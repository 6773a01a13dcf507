// graphql-js's refusal of an enum value, reworded: where it is (field, argument, list index, or the variable) and which
// values the enum has, in the form of weerbaar's other input errors ("gapAnalysis: phases[0]: unknown Phase …").
import { GraphQLError, isEnumType, Kind, parse, visit, type GraphQLSchema, type ASTNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../domain/errors.js';

const LITERAL = /^Value "([^"]*)" does not exist in "(\w+)" enum\./;
const NON_ENUM = /^Enum "(\w+)" cannot represent non-enum value: (.*?)\.(?: Did you mean|$)/;
const VARIABLE = new RegExp(
  '^Variable "\\$(\\w+)" got invalid value (.*?)(?: at "([^"]+)")?; ' +
    '(?:Value "[^"]*" does not exist in "(\\w+)" enum|Enum "(\\w+)" cannot represent non-string value: .*?)\\.',
);

function valuesOf(schema: GraphQLSchema, typeName: string): string[] | undefined {
  const type = schema.getType(typeName);
  return isEnumType(type) ? type.getValues().map((v) => v.name) : undefined;
}

/** `field: argument[index]` of the literal at `offset` in the request text, or undefined. */
function placeOf(body: string, offset: number): string | undefined {
  let doc;
  try {
    doc = parse(body);
  } catch {
    return undefined;
  }
  const fields: string[] = [];
  let place: string | undefined;
  const within = (n: ASTNode) => n.loc !== undefined && n.loc.start <= offset && offset < n.loc.end;
  visit(doc, {
    Field: { enter: (f) => void fields.push(f.name.value), leave: () => void fields.pop() },
    Argument(a) {
      if (place || !within(a)) return;
      const index = a.value.kind === Kind.LIST ? a.value.values.findIndex((v) => within(v)) : -1;
      place = `${fields.at(-1) ?? 'query'}: ${a.name.value}${index >= 0 ? `[${index}]` : ''}`;
    },
  });
  return place;
}

/** The clearer message for an enum value GraphQL refused, or undefined when the error is about something else. */
export function explainEnumError(error: GraphQLError, schema: GraphQLSchema): string | undefined {
  const variable = VARIABLE.exec(error.message);
  if (variable) {
    const [, name, value, at, enumA, enumB] = variable;
    const typeName = (enumA ?? enumB)!;
    const values = valuesOf(schema, typeName);
    if (!values) return undefined;
    const where = at ? at.replace(/^\w+/, `$${name}`) : `$${name}`;
    return `variable ${where}: unknown ${typeName} ${value}; expected one of ${values.join(', ')}`;
  }
  const literal = LITERAL.exec(error.message);
  const nonEnum = literal ? null : NON_ENUM.exec(error.message);
  if (!literal && !nonEnum) return undefined;
  const typeName = literal ? literal[2]! : nonEnum![1]!;
  const values = valuesOf(schema, typeName);
  if (!values) return undefined;
  const offset = error.nodes?.[0]?.loc?.start;
  const body = error.source?.body;
  const where = offset !== undefined && body ? placeOf(body, offset) : undefined;
  const prefix = where ? `${where}: ` : '';
  const expected = `expected one of ${values.join(', ')}`;
  if (literal) return `${prefix}unknown ${typeName} "${literal[1]}"; ${expected}`;
  const written = nonEnum![2]!;
  const unquoted = /^"(.*)"$/.exec(written)?.[1];
  if (unquoted !== undefined && values.includes(unquoted)) {
    return `${prefix}${typeName} values are written without quotes: ${unquoted}, not ${written}`;
  }
  return `${prefix}unknown ${typeName} ${written}; ${expected} (written without quotes)`;
}

/**
 * A literal enum value the schema does not have is a validation error, answered before any resolver and before
 * maskError: this rewords it like the variable errors that maskError rewords, as bad input (HTTP 400).
 */
export function useEnumErrors(schema: GraphQLSchema): Plugin {
  return {
    onValidate:
      () =>
      ({ valid, result, setResult }) => {
        if (valid) return;
        setResult(
          result.map((error: Error) => {
            if (!(error instanceof GraphQLError)) return error;
            const message = explainEnumError(error, schema);
            if (!message) return error;
            return new GraphQLError(message, {
              nodes: error.nodes,
              source: error.source,
              positions: error.positions,
              extensions: { ...error.extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode },
            });
          }),
        );
      },
  };
}
