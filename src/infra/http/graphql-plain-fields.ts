import { type GraphQLSchema, isObjectType } from 'graphql';

/**
 * The name of the resolver Nest's code-first schema gives every `@Field` of a class: it reads
 * the source's property, or the field's `defaultValue` when the property is undefined
 * (`ObjectTypeDefinitionFactory.createFieldResolver` in @nestjs/graphql).
 */
export const NEST_PROPERTY_RESOLVER = 'rootFieldResolver';

/**
 * Fields that only read their source's property lose that resolver, and graphql-js's default
 * resolver reads the property instead. graphql-jit cannot tell Nest's property read from real
 * work, so for every such field of every item it built a resolve info, a path of seven objects
 * and three closures: a page of 100 sets with 10 entries each allocated 2 MB in the compiled
 * query, 1 MB of it for the entries' leaves (bench/RESULTS.md, session 8). Without a resolver
 * the compiled query reads the property inline. A field with a `defaultValue` keeps its resolver
 * (it answers the default for a source without the property; called with an empty source, it
 * says whether it has one); resolvers of Nest's `@ResolveField`s have other names.
 */
export function plainPropertyFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as ((source: object) => unknown) | undefined;
      if (resolve?.name === NEST_PROPERTY_RESOLVER && resolve({}) === undefined) {
        field.resolve = undefined;
      }
    }
  }
  return schema;
}
