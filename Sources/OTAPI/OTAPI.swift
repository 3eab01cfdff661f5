/// Namespace of the OT API client library.
public enum OTAPI {}
