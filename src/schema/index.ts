// Assembles the GraphQL schema: imports every type file, then builds once.
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './entities.js';
import './risk.js';
import './gaps.js';
import './party.js';
import './simulation.js';
import './portfolio.js';
import './mutations.js';
import './audit.js';
import './cycles.js';
import './holding-edits.js';

let built: GraphQLSchema | undefined;

export function schema(): GraphQLSchema {
  built ??= builder.toSchema({ sortSchema: false });
  return built;
}

/** The SDL checked in as schema.graphql. */
export function printSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema()))}\n`;
}
