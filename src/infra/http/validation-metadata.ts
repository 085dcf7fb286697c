import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Metadata = ReturnType<Lookup>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;

let installed = false;

/**
 * class-validator looks up a class's rules on every object it validates, and each lookup walks
 * every class that has rules (an `instanceof` per class, typestack/class-validator#2686), then
 * groups the rules by property afresh: 3-4 % of an audited write's CPU for a body of ten entries
 * (bench/RESULTS.md). Rules are only added while decorated classes load, so both answers are
 * remembered until the next rule is added, which forgets them all. The arrays and groups handed
 * out are only read by class-validator (ValidationExecutor), never changed.
 */
export function rememberValidationMetadata(): void {
  if (installed) return;
  installed = true;
  const storage = getMetadataStorage();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let lookups = new Map<string, Metadata>();
  let groups = new WeakMap<Metadata, Grouped>();
  const classIds = new WeakMap<object, number>();
  let classes = 0;
  const idOf = (target: unknown): string => {
    if (typeof target !== 'function') return `s:${String(target)}`;
    let id = classIds.get(target);
    if (id === undefined) classIds.set(target, (id = ++classes));
    return `c:${id}`;
  };

  storage.addValidationMetadata = (metadata) => {
    lookups = new Map();
    groups = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, wanted) => {
    const key = [idOf(target), schema, always, strictGroups, ...(wanted ?? [])].join('\u0000');
    let found = lookups.get(key);
    if (found === undefined) {
      found = lookup(target, schema, always, strictGroups, wanted);
      lookups.set(key, found);
    }
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let grouped = groups.get(metadata);
    if (grouped === undefined) {
      grouped = group(metadata);
      groups.set(metadata, grouped);
    }
    return grouped;
  };
}
