import { variableFieldError } from './graphql-input-errors';

describe('variableFieldError', () => {
  it.each([
    [
      'Variable "$input" got invalid value { ip: "1.2.3.4" } at "input.entries[0]"; Field "hostnames" of required type "[String!]!" was not provided.',
      { field: 'entries[0].hostnames', message: 'required' },
    ],
    [
      'Variable "$input" got invalid value { ip: "1.2.3.4", hostname: ["a"] } at "input.entries[0]"; Field "hostname" is not defined by type "AliasEntryInput". Did you mean "hostnames"?',
      { field: 'entries[0].hostname', message: 'unknown field; did you mean "hostnames"?' },
    ],
    [
      'Variable "$input" got invalid value { name: "x", colour: "blue" }; Field "colour" is not defined by type "CreateAliasSetInput".',
      { field: 'colour', message: 'unknown field' },
    ],
    [
      'Variable "$input" got invalid value { name: "x" }; Field "team" of required type "String!" was not provided.',
      { field: 'team', message: 'required' },
    ],
    [
      'Variable "$input" got invalid value 5 at "input.entries[1].ip"; String cannot represent a non string value: 5',
      { field: 'entries[1].ip', message: 'String cannot represent a non string value: 5' },
    ],
    [
      'Variable "$input" of required type "CreateAliasSetInput!" was not provided.',
      { field: 'input', message: 'required' },
    ],
    [
      'Variable "$team" got invalid value 7; String cannot represent a non string value: 7',
      { field: 'team', message: 'String cannot represent a non string value: 7' },
    ],
    ['Cannot query field "nope" on type "Query".', undefined],
  ])('%s', (message, expected) => {
    expect(variableFieldError(message)).toEqual(expected);
  });
});
