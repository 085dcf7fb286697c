import { getMetadataStorage, IsInt, IsString, MaxLength, validateSync } from 'class-validator';

import { rememberValidationMetadata } from './validation-metadata';

class Base {
  @IsString()
  name!: unknown;
}

class Derived extends Base {
  @IsInt()
  size!: unknown;
}

function failedProperties(object: object): string[] {
  return validateSync(object)
    .map((error) => `${error.property}:${Object.keys(error.constraints ?? {}).join(',')}`)
    .sort();
}

function instance<T extends object>(type: new () => T, values: Record<string, unknown>): T {
  return Object.assign(new type(), values);
}

describe('rememberValidationMetadata', () => {
  beforeAll(() => rememberValidationMetadata());

  it.each([
    ['a valid base', instance(Base, { name: 'a' }), []],
    ['an invalid base', instance(Base, { name: 1 }), ['name:isString']],
    [
      'a derived object, its own rule and the inherited one',
      instance(Derived, { name: 1, size: 'x' }),
      ['name:isString', 'size:isInt'],
    ],
    ['a valid derived object', instance(Derived, { name: 'a', size: 2 }), []],
  ])('validates %s as before, every time', (_what, object, expected) => {
    expect(failedProperties(object)).toEqual(expected);
    expect(failedProperties(object)).toEqual(expected);
  });

  it('answers a repeated lookup from memory, the same rules', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Derived, '', false, false);
    const second = storage.getTargetValidationMetadatas(Derived, '', false, false);
    expect(second).toBe(first);
    expect(first.map((rule) => rule.propertyName).sort()).toEqual(['name', 'size']);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(second));
  });

  it('keeps lookups with different options apart', () => {
    const storage = getMetadataStorage();
    const plain = storage.getTargetValidationMetadatas(Base, '', false, false);
    const grouped = storage.getTargetValidationMetadatas(Base, '', false, false, ['admin']);
    expect(grouped).not.toBe(plain);
  });

  it('forgets what it remembered when a rule is added later', () => {
    expect(failedProperties(instance(Base, { name: 'far too long' }))).toEqual([]);
    MaxLength(3)(Base.prototype, 'name');
    expect(failedProperties(instance(Base, { name: 'far too long' }))).toEqual(['name:maxLength']);
    expect(failedProperties(instance(Derived, { name: 'far too long', size: 1 }))).toEqual([
      'name:maxLength',
    ]);
  });
});
