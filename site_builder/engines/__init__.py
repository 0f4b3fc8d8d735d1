"""Engine adapters: thin glue between a site engine and the core. Only these import an engine."""
