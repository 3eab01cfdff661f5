/// Namespace of the gateway composition layer.
public enum GatewayNamespace {}
