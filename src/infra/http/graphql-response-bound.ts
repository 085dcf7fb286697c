import {
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  defaultFieldResolver,
} from 'graphql';

/** Fields one operation may resolve, whatever the estimate said: the bound on its response. */
export const MAX_RESOLVED_FIELDS = 100_000;

/** Fields resolved so far, per operation (keyed by its context object, so it goes with it). */
const resolvedByOperation = new WeakMap<object, number>();
/** Fields one item of a list costs, per selection (documents are parsed once and cached). */
const perItemBySelection = new WeakMap<SelectionSetNode, number>();

/**
 * Bounds what an operation resolves: estimates can be wrong (a set may hold thousands of
 * entries), so each list of objects, once resolved, charges its length times the fields of its
 * selection (a nested list's fields count once there, then per item when it resolves: a slight
 * overcount), and an operation over
 * MAX_RESOLVED_FIELDS is stopped with an error at that list. Charged per list, not per field:
 * a hook on every field (Apollo's `willResolveField`) cost more than the fields themselves.
 */
export function boundResolvedFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (isListOfObjects(field))
        field.resolve = chargingLists(field.resolve ?? defaultFieldResolver);
    }
  }
  return schema;
}

/** `resolve` as the field's resolver, charged like every list of objects if it is one. */
export function boundResolver(
  field: GraphQLField<unknown, unknown>,
  resolve: GraphQLFieldResolver<unknown, unknown>,
): GraphQLFieldResolver<unknown, unknown> {
  return isListOfObjects(field) ? chargingLists(resolve) : resolve;
}

function isListOfObjects(field: GraphQLField<unknown, unknown>): boolean {
  const list = getNullableType(field.type);
  return isListType(list) && isObjectType(getNamedType(list));
}

function chargingLists(
  resolve: GraphQLFieldResolver<unknown, unknown>,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const result: unknown = resolve(source, args, context, info);
    if (typeof context !== 'object' || context === null) return result;
    if (result instanceof Promise) {
      return result.then((items: unknown) => charge(items, context, info));
    }
    return charge(result, context, info);
  };
}

function charge<T>(items: T, context: object, info: GraphQLResolveInfo): T {
  if (!Array.isArray(items) || items.length === 0) return items;
  const selection = info.fieldNodes[0]?.selectionSet;
  const perItem = selection ? fieldsPerItem(selection, info) : 1;
  const resolved = (resolvedByOperation.get(context) ?? 0) + items.length * perItem;
  resolvedByOperation.set(context, resolved);
  if (resolved > MAX_RESOLVED_FIELDS) {
    throw new GraphQLError(
      `the response is too large: more than ${MAX_RESOLVED_FIELDS} fields; ask for smaller pages or fewer fields`,
      { extensions: { code: 'RESPONSE_TOO_LARGE', limit: MAX_RESOLVED_FIELDS } },
    );
  }
  return items;
}

/** Fields under `selection`, at every depth, fragments followed (each once per path). */
function fieldsPerItem(selection: SelectionSetNode, info: GraphQLResolveInfo): number {
  const known = perItemBySelection.get(selection);
  if (known !== undefined) return known;
  let count = 0;
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const node of set.selections) {
      if (node.kind === Kind.FIELD) {
        count++;
        if (node.selectionSet) visit(node.selectionSet, seen);
      } else if (node.kind === Kind.INLINE_FRAGMENT) {
        visit(node.selectionSet, seen);
      } else if (!seen.has(node.name.value)) {
        const fragment = info.fragments[node.name.value];
        if (fragment) visit(fragment.selectionSet, new Set(seen).add(node.name.value));
      }
    }
  };
  visit(selection, new Set());
  perItemBySelection.set(selection, count);
  return count;
}
