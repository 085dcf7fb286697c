import DataLoader from 'dataloader';

/**
 * DataLoaders that live as long as one GraphQL operation (keyed by its context object, so they
 * go with it): a field resolved for every item of a list costs one batch, not one call per item.
 * `variant` separates loads whose batches differ otherwise (e.g. a field argument).
 */
export class OperationLoaders<K, V> {
  private readonly loaders = new WeakMap<object, Map<string, DataLoader<K, V>>>();

  load(operation: object, variant: string, key: K, batch: (keys: K[]) => Promise<V[]>): Promise<V> {
    let byVariant = this.loaders.get(operation);
    if (byVariant === undefined) {
      byVariant = new Map<string, DataLoader<K, V>>();
      this.loaders.set(operation, byVariant);
    }
    let loader = byVariant.get(variant);
    if (loader === undefined) {
      loader = new DataLoader((keys) => batch([...keys]));
      byVariant.set(variant, loader);
    }
    return loader.load(key);
  }
}
