/// Namespace of the SQLite store.
public enum StoreNamespace {}
