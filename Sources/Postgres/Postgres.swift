// Placeholder until the first module file lands.
