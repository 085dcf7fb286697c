import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the committed schema: every `graphql(...)` document in web/src gets its
 * result and variable types, so a schema change that breaks the portal breaks its type-check and
 * build. String documents: the page ships no GraphQL parser, only the operation text.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: true,
        scalars: { DateTime: 'string', JSON: 'unknown', StringMap: 'Record<string, string>' },
      },
    },
  },
};

export default config;
