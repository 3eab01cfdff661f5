/// Namespace of the embedded OT API simulator.
public enum OTSimulatorNamespace {}
