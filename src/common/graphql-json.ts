import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** Cluster labels: a flat object of strings. */
export const GraphQLJSONObject = new GraphQLScalarType({
  name: 'StringMap',
  description: 'An object whose values are strings, such as Kubernetes labels.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast: ValueNode) => parseObjectLiteral(ast),
});

function parseObjectLiteral(ast: ValueNode): Record<string, unknown> | null {
  if (ast.kind !== Kind.OBJECT) return null;
  const result: Record<string, unknown> = {};
  for (const field of ast.fields) {
    result[field.name.value] = field.value.kind === Kind.STRING ? field.value.value : null;
  }
  return result;
}

/** Arbitrary JSON (audit snapshots). */
export const GraphQLJSON = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});
