import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Client-input errors found by validation: Apollo answers them 400 GRAPHQL_VALIDATION_FAILED. */
function refuse(context: ValidationContext, message: string): void {
  context.reportError(new GraphQLError(message));
}

/**
 * No selection nests deeper than `max` fields. Follows fragments, but each at most once per path,
 * so a fragment cycle (reported by graphql's own NoFragmentCycles rule) or an unknown fragment
 * cannot make it recurse forever, which graphql-depth-limit did (a stack overflow, then a 500).
 */
export function depthLimitRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        fragments.set(definition.name.value, definition);
    }
    const depthOf = (set: SelectionSetNode, seen: Set<string>): number => {
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__') || !selection.selectionSet) continue;
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || seen.has(name)) continue;
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set(seen).add(name)));
        }
        if (deepest > max) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > max) {
          const name = operation.name?.value ?? '';
          refuse(context, `'${name}' exceeds maximum operation depth of ${max}`);
        }
      },
    };
  };
}

/** At most `max` aliased fields per document: aliases are how one request multiplies its work. */
export function aliasLimitRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias && ++aliases === max + 1) {
          refuse(context, `more than ${max} aliased fields in one request; the limit is ${max}`);
        }
      },
    };
  };
}

/** The API has no subscriptions: say so as a client error instead of failing at execution. */
export function noSubscriptionsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
        refuse(context, 'subscriptions are not supported by this API; use a query or a mutation');
      }
    },
  };
}
