// The published JSON Schema of the interchange format, generated from the zod schema (the single source of truth).
import { z } from 'zod';
import { Model } from './schema.js';

export function modelJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Model, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    $id: 'urn:weerbaar:model',
    title: 'weerbaar model',
    description:
      'A national-security model: vital interests, threats, scenarios, vital services and ' +
      'their dependencies, tasks, capabilities and parties (Strategie Nationale ' +
      'Veiligheid). Ids are unique across the whole model; references must resolve ' +
      '(checked by `weerbaar validate`, beyond this schema).',
    ...schema,
  };
}

export function printModelJsonSchema(): string {
  return `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
}
