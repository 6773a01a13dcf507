// The only place that creates the Pothos SchemaBuilder.
import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  Connection: { totalCount: number };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    JSON: { Input: unknown; Output: unknown };
    DateTime: { Input: string; Output: string };
  };
}>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
});

builder.queryType({ description: 'Planners’ questions over the national-security graph.' });
builder.mutationType({ description: 'Changes to the model, validated as the interchange format is.' });

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    nullable: false,
    description: 'Number of items the viewer may see, across all pages.',
    resolve: (parent) => parent.totalCount,
  }),
);

builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (v) => v,
  parseValue: (v) => v,
});
builder.scalarType('DateTime', {
  description: 'An ISO-8601 date and time.',
  serialize: (v) => String(v),
  parseValue: (v) => {
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v)))
      throw new TypeError('DateTime must be an ISO-8601 string');
    return v;
  },
});
