import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects any of `names` directly under it (through inline and
 * named fragments too): lets a resolver skip reading what nobody asked for.
 */
export function selectsAnyField(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>): boolean => {
    for (const node of set?.selections ?? []) {
      if (node.kind === Kind.FIELD) {
        if (names.has(node.name.value)) return true;
      } else if (node.kind === Kind.INLINE_FRAGMENT) {
        if (visit(node.selectionSet, seen)) return true;
      } else if (!seen.has(node.name.value)) {
        const fragment = info.fragments[node.name.value];
        if (visit(fragment?.selectionSet, new Set(seen).add(node.name.value))) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((field) => visit(field.selectionSet, new Set()));
}
